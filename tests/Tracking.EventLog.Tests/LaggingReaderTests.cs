using System.Diagnostics;
using Tracking.Testing;

namespace Tracking.EventLog.Tests;

/// <summary>
/// The loader under load: appenders run far ahead of the reader, so it reads pages that left memory, while
/// each of its commits truncates old segments. Under the benchmark this once stalled the reader for good.
/// </summary>
public sealed class LaggingReaderTests
{
    [Fact]
    public async Task A_reader_far_behind_busy_appenders_and_truncation_reads_every_message_once()
    {
        const int Appenders = 8;
        const int PerAppender = 3000;
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path, maxRetainedBytes: 0);
        await using var reader = log.CreateReader("loader");

        var appending = TestLogs.AppendConcurrentlyAsync(log, Appenders, PerAppender, batchSize: 20);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var idle = Stopwatch.StartNew();
        while (seen.Count < Appenders * PerAppender)
        {
            Assert.True(idle.Elapsed < TimeSpan.FromSeconds(30), $"the reader made no progress for 30 s at {seen.Count} messages");
            var batch = await reader.ReadAsync(2000, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            if (batch.Count == 0)
            {
                continue;
            }

            foreach (var message in batch)
            {
                Assert.True(seen.Add(TestLogs.NameOf(message)), "read twice");
            }

            idle.Restart();
            await Task.Delay(5); // the loader's insert: long enough for appenders to push its position out of memory
            await reader.CommitAsync(0, batch[^1].NextOffset, CancellationToken.None);
        }

        await appending;
        Assert.Equal(Appenders * PerAppender, seen.Count);
    }
}
