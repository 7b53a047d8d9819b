using System.Collections.Concurrent;
using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class DiskFullTests
{
    private const int Writers = 4;
    private const int BatchSize = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [TmpfsFact]
    public async Task A_full_disk_refuses_appends_then_the_log_recovers_by_itself_and_holds_every_acknowledged_message_once()
    {
        using var dir = new TempDirectory("eventlog-diskfull");
        using var disk = new TmpfsMount(Path.Combine(dir.Path, "disk"), 8 << 20);
        var acked = new ConcurrentQueue<string>();
        var refusals = 0;
        using var stop = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource(2 * Patience);

        await using (var log = TestLogs.Open(disk.Path))
        {
            // Each writer retries a refused batch until it is acknowledged, as the SDKs do with a 503, and
            // stops only between batches: every batch it started ends acknowledged.
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i += BatchSize)
                {
                    var batch = TestLogs.Messages($"w{w}", i, BatchSize);
                    while (true)
                    {
                        try
                        {
                            await log.AppendAsync(batch, CancellationToken.None);
                            break;
                        }
                        catch (EventLogUnavailableException) when (!giveUp.IsCancellationRequested)
                        {
                            Interlocked.Increment(ref refusals);
                            await Task.Delay(20);
                        }
                    }

                    foreach (var message in batch)
                    {
                        acked.Enqueue(TestLogs.NameOf(new ConsumedMessage(0, 0, 0, message.Value)));
                    }
                }
            })).ToArray();

            await WaitUntil(() => acked.Count >= 500, "first acknowledgements");
            disk.Fill();
            await WaitUntil(() => Volatile.Read(ref refusals) >= 50, "appends refused on the full disk");
            Assert.False(log.IsWritable);

            disk.Free();
            var beforeFree = acked.Count;
            await WaitUntil(() => acked.Count >= beforeFree + 2000, "appends acknowledged again after space returned");
            Assert.True(log.IsWritable);
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(Patience);
        }

        // Reopened from disk: the acknowledged messages, each once, and nothing a refused attempt wrote.
        await using var reopened = TestLogs.Open(disk.Path);
        await using var reader = reopened.CreateReader("loader");
        var stored = TestLogs.Names(await TestLogs.ReadToEndAsync(reader));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(acked.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience} for {what}");
            await Task.Delay(20);
        }
    }
}
