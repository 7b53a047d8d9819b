using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Smoke;

/// <summary>
/// Posts events to the collector the way the SDKs do: batches from a few connections, and a batch the
/// collector refused with 503 (broker slow or away) is sent again after Retry-After.
/// </summary>
internal static class EventSender
{
    internal const int MaxAttempts = 60;

    /// <returns>How many events the collector acknowledged, and how many 503s it answered on the way.</returns>
    public static async Task<(int Accepted, int Retries)> SendAsync(
        Uri collector, string writeKey, IReadOnlyList<JsonObject> events, CancellationToken cancel, int batchSize = 80, int parallelism = 4)
    {
        using var http = new HttpClient { BaseAddress = collector, Timeout = TimeSpan.FromSeconds(60) };
        var accepted = 0;
        var retries = 0;
        await Parallel.ForEachAsync(events.Chunk(batchSize), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancel }, async (batch, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                using var response = await http.SendAsync(CollectorClient.Batch(writeKey, batch), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref accepted, JsonNode.Parse(text)!["accepted"]!.GetValue<int>());
                    return;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"collector answered {(int)response.StatusCode} (attempt {attempt}): {text}");
                }

                Interlocked.Increment(ref retries);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
            }
        });
        return (accepted, retries);
    }
}
