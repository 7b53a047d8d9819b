using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>
/// Lets a test of a single-node host say what was NOT stored without sleeping: the embedded log has one
/// partition and the loader loads it in order, so once an event sent now is queryable, every event the
/// host acknowledged before it has been loaded too.
/// </summary>
public static class LoadMarker
{
    /// <summary>The marker's anonymousId, for counts over a whole table to leave it out.</summary>
    public const string AnonymousId = "load-marker";

    public static async Task SendAndWaitAsync(HostProcess host)
    {
        var id = "marker-" + Guid.NewGuid().ToString("N");
        var marker = new JsonObject { ["type"] = "track", ["event"] = "marker", ["anonymousId"] = AnonymousId, ["messageId"] = id };
        using var http = host.CreateClient();
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.SendAsync(CollectorClient.Batch(host.WriteKey, [marker]));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            // A host with rate limits, or one whose loader is behind, may refuse the marker too: wait as its
            // Retry-After says, as a client would.
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt == 10)
            {
                throw new InvalidOperationException($"the collector answered {(int)response.StatusCode} to the marker: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, 1, where: $"message_id = '{id}'");
    }
}
