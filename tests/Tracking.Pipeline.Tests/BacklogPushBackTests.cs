using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// Issue 20, freshness at saturation: past the configured backlog the collector answers 503 with Retry-After,
/// naming the reason, instead of letting acknowledged events wait ever longer to be queryable.
/// </summary>
public sealed class BacklogPushBackTests
{
    private const int Bound = 100;

    [Fact]
    public async Task Requests_pass_while_the_unloaded_backlog_is_within_the_bound_and_get_503_with_retry_after_once_it_is_over()
    {
        using var data = new TempDirectory("tracking-backlog");

        // The loader reads but holds its batches for an hour: nothing is loaded, so the backlog is what was accepted.
        await using var host = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["Collector__MaxBacklogEvents"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Loader__FlushInterval"] = "01:00:00",
            ["Loader__BacklogFlushInterval"] = "01:00:00",
        });
        await host.StartAsync();
        using var http = host.CreateClient();
        var run = "backlog-" + Guid.NewGuid().ToString("N")[..8];
        JsonObject[] Batch(int from) => [.. Enumerable.Range(from, 60).Select(i => new JsonObject { ["type"] = "track", ["event"] = "click", ["anonymousId"] = "v", ["messageId"] = $"{run}-{i}" })];

        var first = await CollectorClient.SendAsync(http, CollectorClient.Batch(host.WriteKey, Batch(0)));
        var second = await CollectorClient.SendAsync(http, CollectorClient.Batch(host.WriteKey, Batch(60)));
        var third = await CollectorClient.SendAsync(http, CollectorClient.Batch(host.WriteKey, Batch(120)));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status); // 60 unloaded before it: within the bound of 100
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.Status);
        Assert.True(third.RetryAfter >= TimeSpan.FromSeconds(1), "no Retry-After on the push-back");
        Assert.Equal($"backlog: 120 accepted events wait to be loaded, more than {Bound} (Collector:MaxBacklogEvents); retry after {third.RetryAfter!.Value.TotalSeconds} s", (string)third.Body["error"]!);
    }
}
