using System.Diagnostics;
using Tracking.Sdk.Tests.Support;
using Tracking.Testing;

namespace Tracking.Sdk.Tests.Http;

/// <summary>Drop policy at the bound, draining at dispose, and the disk buffer across client restarts.</summary>
public class QueueAndShutdownTests
{
    [Fact]
    public async Task Queue_full_drops_new_events_and_counts_them_exactly()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var collector = await TestCollector.StartAsync(async _ =>
        {
            await gate.Task;
            return Answer.Accept;
        });
        var options = Clients.Options(collector.BaseAddress);
        options.MaxQueueSize = 100;
        options.MaxBatchSize = 10;
        await using var client = Clients.Create(options);

        // The sender holds one batch in flight and one ready; everything else waits in the queue.
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < 1_000; i++)
        {
            if (client.Track("e", Visitor.User("u1"), new Dictionary<string, object?> { ["i"] = i }))
            {
                accepted++;
            }
            else
            {
                refused++;
            }

            if (i == 50)
            {
                // Let the batcher take what it can so the bound is reached deterministically after this.
                await Clients.EventuallyAsync(() => collector.Requests.Count == 0 && client.GetStatistics().Queued == 51);
                await Task.Delay(300);
            }
        }

        Assert.True(refused > 0);
        Assert.InRange(accepted, 100, 100 + (3 * 10));
        Assert.Equal(refused, client.GetStatistics().DroppedFor(DropReason.QueueFull));
        Assert.Equal(refused, client.GetStatistics().Dropped);

        gate.SetResult();
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(accepted, collector.AcceptedMessageIds.Distinct().Count());
        Assert.Equal(accepted, collector.AcceptedMessageIds.Count);
        Assert.Equal(accepted, client.GetStatistics().Sent);
    }

    [Fact]
    public async Task Dispose_drains_what_is_queued()
    {
        await using var collector = await TestCollector.StartAsync();
        var options = Clients.Options(collector.BaseAddress);
        options.FlushInterval = TimeSpan.FromMinutes(5);
        options.MaxBatchSize = 500;
        var client = Clients.Create(options);
        for (var i = 0; i < 1_234; i++)
        {
            client.Track("e", Visitor.User("u1"), new Dictionary<string, object?> { ["i"] = i });
        }

        // Full batches leave at once; the partial one waits for a flush interval no test outlives.
        var fullBatches = 1_234 / options.MaxBatchSize * options.MaxBatchSize;
        await Clients.EventuallyAsync(() => collector.AcceptedMessageIds.Count == fullBatches);
        await Task.Delay(300);
        Assert.Equal(fullBatches, collector.AcceptedMessageIds.Count);

        await client.DisposeAsync();

        Assert.Equal(1_234, collector.AcceptedMessageIds.Distinct().Count());
        Assert.Equal(1_234, client.GetStatistics().Sent);
        Assert.False(client.Track("late", Visitor.User("u1")));
        Assert.Equal(1, client.GetStatistics().DroppedFor(DropReason.Shutdown));
    }

    [Fact]
    public async Task Dispose_with_the_collector_down_gives_up_after_the_timeout_and_counts_the_loss()
    {
        var options = Clients.Options(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(500);
        var client = Clients.Create(options);
        for (var i = 0; i < 50; i++)
        {
            client.Track("e", Visitor.User("u1"));
        }

        // It keeps retrying until the timeout, not less (a few ms of timer slack aside), and gives up then.
        var started = Stopwatch.StartNew();
        await client.DisposeAsync();
        Assert.InRange(started.Elapsed, options.ShutdownTimeout - TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));
        Assert.Equal(50, client.GetStatistics().DroppedFor(DropReason.Shutdown));
    }

    [Fact]
    public async Task Disk_buffer_keeps_events_across_a_restart_and_delivers_them_once()
    {
        using var buffer = new TempDirectory("sdk-buffer");
        var port = FreePort.Next();
        var options = Clients.Options(new Uri($"http://127.0.0.1:{port}/"));
        options.BufferDirectory = buffer.Path;
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(500);
        var ids = new List<string>();
        await using (var first = Clients.Create(options))
        {
            for (var i = 0; i < 700; i++)
            {
                first.Track("e", Visitor.User("u1"), new Dictionary<string, object?> { ["i"] = i });
            }
        }

        Assert.NotEmpty(Directory.GetFiles(buffer.Path, "*.ndjson"));

        await using var collector = await TestCollector.StartAsync();
        var second = Clients.Options(collector.BaseAddress);
        second.BufferDirectory = buffer.Path;
        await using (var client = Clients.Create(second))
        {
            client.Track("after", Visitor.User("u1"));
            await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        var received = collector.AcceptedEvents;
        Assert.Equal(701, received.Count);
        Assert.Equal(701, collector.AcceptedMessageIds.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 700), received.Take(700).Select(e => e.GetProperty("properties").GetProperty("i").GetInt32()));
        Assert.Empty(Directory.GetFiles(buffer.Path, "*.ndjson"));
    }

    [Fact]
    public async Task Collector_down_for_a_while_then_back_gets_everything_once()
    {
        var port = FreePort.Next();
        var options = Clients.Options(new Uri($"http://127.0.0.1:{port}/"));
        await using var client = Clients.Create(options);
        for (var i = 0; i < 300; i++)
        {
            client.Track("e", Visitor.User("u1"), new Dictionary<string, object?> { ["i"] = i });
        }

        await Clients.EventuallyAsync(() => client.GetStatistics().Retried >= 2);
        await using var collector = await TestCollector.StartAsync(port: port);
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // Nothing reached the collector before it was up, so no copy is legitimate.
        Assert.Equal(300, collector.AcceptedMessageIds.Distinct().Count());
        Assert.Equal(300, collector.AcceptedMessageIds.Count);
        Assert.Equal(0, client.GetStatistics().Dropped);
    }
}
