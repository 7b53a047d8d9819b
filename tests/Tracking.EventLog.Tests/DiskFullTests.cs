using System.Collections.Concurrent;
using Tracking.EventLog.Embedded;
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
        // Room for what the writers append while the filler is written and after it is removed (no retention here).
        using var disk = new TmpfsMount(Path.Combine(dir.Path, "disk"), 64 << 20);
        var acked = new ConcurrentQueue<string>();
        var refusals = 0;
        using var stop = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource(2 * Patience);

        var logger = new RecordingLogger();
        await using (var log = new EmbeddedEventLog(TestLogs.Options(disk.Path), logger))
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

            await WaitUntil(() => acked.Count >= 500, "first acknowledgements", logger);
            disk.Fill();
            await WaitUntil(() => Volatile.Read(ref refusals) >= 50, "appends refused on the full disk", logger);

            disk.Free();
            var beforeFree = acked.Count;
            await WaitUntil(() => acked.Count >= beforeFree + 2000, "appends acknowledged again after space returned", logger);
            Assert.True(log.IsWritable, logger.ToString());
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(Patience);
        }

        // Reopened from disk: the acknowledged messages, each once, and nothing a refused attempt wrote.
        await using var reopened = TestLogs.Open(disk.Path);
        await using var reader = reopened.CreateReader("loader");
        var stored = TestLogs.Names(await TestLogs.ReadToEndAsync(reader));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var lost = acked.Except(stored).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged messages lost: {string.Join(", ", lost.Take(30))}\n{logger}");
        Assert.Equal(acked.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    private static async Task WaitUntil(Func<bool> condition, string what, RecordingLogger logger)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience} for {what}; the log said:\n{logger}");
            await Task.Delay(20);
        }
    }
}
