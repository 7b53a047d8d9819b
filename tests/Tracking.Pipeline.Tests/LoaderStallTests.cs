using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A loader that cannot load is not ready, and says why.</summary>
public sealed class LoaderStallTests
{
    [Fact]
    public async Task A_loader_that_loads_nothing_while_rows_wait_fails_readiness_with_the_reason_and_recovers()
    {
        using var data = new TempDirectory("tracking-stall");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["Loader__FlushInterval"] = "00:00:00.200",
            ["Loader__StallAfter"] = "00:00:03",
        });
        await host.StartAsync();
        using var http = host.CreateClient();
        Assert.Equal("ready\n", await ReadyAsync(http, HttpStatusCode.OK));

        // The table the loader inserts into goes away under it: every insert fails, and retrying is all it can do.
        await ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, "RENAME TABLE tracking.events TO tracking.events_away");
        var stalled = new JsonObject { ["type"] = "track", ["event"] = "click", ["messageId"] = "stall-1", ["anonymousId"] = "v" };
        Assert.Equal(1, await CollectorClient.SendAllAsync(http, host.WriteKey, [stalled]));

        string? reason = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); reason is null;)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz never reported the stall:\n" + host.Output);
            using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            reason = response.StatusCode == HttpStatusCode.ServiceUnavailable && text.Contains("nothing loaded", StringComparison.Ordinal) ? text : null;
            await Task.Delay(200);
        }

        Assert.Contains("loader: 1 rows read but nothing loaded for", reason, StringComparison.Ordinal);
        Assert.Contains("events", reason, StringComparison.Ordinal); // ClickHouse's own error names the missing table

        // The table is back: the retried insert lands and the loader is ready again.
        await ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, "RENAME TABLE tracking.events_away TO tracking.events");
        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, 1, where: "message_id = 'stall-1'", aggregate: "count()");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); (await ReadyAsync(http, null)) != "ready\n";)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz did not recover:\n" + host.Output);
            await Task.Delay(200);
        }
    }

    private static async Task<string> ReadyAsync(HttpClient http, HttpStatusCode? expected)
    {
        using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
        if (expected is { } status)
        {
            Assert.Equal(status, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync();
    }
}
