using Tracking.Sdk.Tests.Support;
using Tracking.Testing;
using static Tracking.Sdk.Tests.Support.ClickHouseQuery;

namespace Tracking.Sdk.Tests.Host;

/// <summary>The collector away for a while (host not started yet), then back.</summary>
[Collection(HostCollection.Name)]
public class HostOutageTests
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Raw rows: the collector was unreachable (no request got in), so no copy is legitimate.</summary>
    private static string CountSql(string anon) => $"SELECT count() FROM tracking.events WHERE anonymous_id = {Quote(anon)}";

    [Fact]
    public async Task Collector_unreachable_then_back_gets_every_event_once()
    {
        await using var harness = new HostHarness();
        var anon = Unique("outage");
        var options = Clients.Options(harness.Host.BaseAddress, harness.Host.WriteKey);
        await using var client = Clients.Create(options);
        for (var i = 0; i < 800; i++)
        {
            Assert.True(client.Track("e", Visitor.Anonymous(anon), new Dictionary<string, object?> { ["i"] = i }));
        }

        await Clients.EventuallyAsync(() => client.GetStatistics().Retried >= 3, because: "the sender should be retrying");
        await harness.Host.StartAsync();
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, client.GetStatistics().Dropped);
        Assert.Equal(800, client.GetStatistics().Sent);
        Assert.Equal(800, await CountWhenLoadedAsync(harness.Host, CountSql(anon)));
        Assert.Equal(800, await CountAsync(harness.ClickHouse, $"SELECT uniqExact(message_id) FROM tracking.events WHERE anonymous_id = {Quote(anon)}"));
    }

    [Fact]
    public async Task Disk_buffer_carries_events_across_an_app_restart_while_the_collector_is_down()
    {
        await using var harness = new HostHarness();
        using var buffer = new TempDirectory("sdk-buffer");
        var anon = Unique("restart");
        var options = Clients.Options(harness.Host.BaseAddress, harness.Host.WriteKey);
        options.BufferDirectory = buffer.Path;
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(500);
        await using (var beforeRestart = Clients.Create(options))
        {
            for (var i = 0; i < 600; i++)
            {
                Assert.True(beforeRestart.Track("e", Visitor.Anonymous(anon), new Dictionary<string, object?> { ["i"] = i }));
            }
        }

        Assert.NotEmpty(Directory.GetFiles(buffer.Path, "*.ndjson"));
        await harness.Host.StartAsync();
        await using (var afterRestart = Clients.Create(options))
        {
            await afterRestart.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(600, afterRestart.GetStatistics().Sent);
        }

        Assert.Equal(600, await CountWhenLoadedAsync(harness.Host, CountSql(anon)));
        Assert.Equal(600, await CountAsync(harness.ClickHouse, $"SELECT uniqExact(message_id) FROM tracking.events WHERE anonymous_id = {Quote(anon)}"));
        Assert.Empty(Directory.GetFiles(buffer.Path, "*.ndjson"));
    }

    [Fact]
    public async Task Queue_full_drops_are_counted_exactly_and_everything_kept_arrives()
    {
        await using var harness = new HostHarness();
        var anon = Unique("full");
        var options = Clients.Options(harness.Host.BaseAddress, harness.Host.WriteKey);
        options.MaxQueueSize = 50;
        options.MaxBatchSize = 10;
        await using var client = Clients.Create(options);
        var kept = 0;
        var refused = 0;
        for (var i = 0; i < 500; i++)
        {
            if (client.Track("e", Visitor.Anonymous(anon), new Dictionary<string, object?> { ["i"] = i }))
            {
                kept++;
            }
            else
            {
                refused++;
            }
        }

        Assert.True(refused > 0);
        Assert.Equal(refused, client.GetStatistics().DroppedFor(DropReason.QueueFull));
        Assert.Equal(refused, client.GetStatistics().Dropped);

        await harness.Host.StartAsync();
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(kept, client.GetStatistics().Sent);
        Assert.Equal(kept, await CountWhenLoadedAsync(harness.Host, CountSql(anon)));
    }
}
