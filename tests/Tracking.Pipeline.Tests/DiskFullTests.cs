using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class DiskFullTests
{
    private const int Senders = 4;
    private const int BatchSize = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [TmpfsFact]
    public async Task A_full_event_log_disk_answers_503_with_Retry_After_then_recovers_by_itself_and_stores_every_acknowledged_event_once()
    {
        using var data = new TempDirectory("tracking-diskfull");

        // Only the event log on the small disk: the embedded ClickHouse beside it keeps the machine's disk.
        using var disk = new TmpfsMount(Path.Combine(data.Path, "log"), 64 << 20);
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.100" });
        await host.StartAsync();

        using var http = host.CreateClient();
        var sender = new RetryingSender(http, host.WriteKey);
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        // Every batch a sender starts ends acknowledged: it retries 503s, and stops only between batches.
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var ids = Enumerable.Range(0, BatchSize).Select(i => $"df-{s}-{batch}-{i}").ToList();
                await sender.SendAsync([.. ids.Select(id => Event(id, s))], Patience);
                foreach (var id in ids)
                {
                    acknowledged.Enqueue(id);
                }
            }
        })).ToList();

        await WaitUntil(() => acknowledged.Count >= 2000, "events acknowledged before the disk fills", host);
        disk.Fill();
        await WaitUntil(() => sender.Unavailable >= 20, "503s while the log's disk is full", host);
        Assert.Equal(0, sender.UnavailableWithoutRetryAfter);

        disk.Free();
        var beforeFree = acknowledged.Count;
        await WaitUntil(() => acknowledged.Count >= beforeFree + 2000, "events acknowledged again once space returned", host);
        await stop.CancelAsync();
        await Task.WhenAll(senders).WaitAsync(Patience);

        // The log has one partition loaded in order: once the marker is stored, everything acknowledged before it is.
        await LoadMarker.SendAndWaitAsync(host);
        var stored = (await ClickHouseHttp.QueryAsync(host.ClickHouseAddress, "SELECT message_id FROM tracking.events WHERE startsWith(message_id, 'df-') FORMAT TSV"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var doubled = stored.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} events stored more than once (no FINAL), e.g. {string.Join(", ", doubled.Take(5))}");
        var lost = acknowledged.Except(stored).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged events lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.Equal(acknowledged.Count, stored.Length);
        Assert.Contains("Embedded event log cannot write", host.Output, StringComparison.Ordinal);
    }

    private static JsonObject Event(string id, int sender) => new()
    {
        ["type"] = "track",
        ["event"] = "click",
        ["messageId"] = id,
        ["anonymousId"] = $"visitor-{sender}",
    };

    private static async Task WaitUntil(Func<bool> condition, string what, HostProcess host)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience} for {what}; host output:\n{host.Output}");
            await Task.Delay(50);
        }
    }
}
