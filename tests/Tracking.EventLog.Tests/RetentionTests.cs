using Tracking.EventLog.Embedded;
using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Committed_data_is_truncated_and_its_segments_deleted_but_uncommitted_data_stays()
    {
        using var dir = new TempDirectory("eventlog");
        List<ConsumedMessage> all;
        await using (var log = TestLogs.Open(dir.Path, maxRetainedBytes: 0))
        {
            await using var reader = log.CreateReader("loader");
            await log.AppendAsync(TestLogs.Messages("a", 0, 3000), CancellationToken.None);
            var segmentsBefore = SegmentFiles(dir.Path);
            all = await TestLogs.ReadToEndAsync(reader);
            Assert.Equal(3000, all.Count);

            await reader.CommitAsync(0, all[2000].Offset, CancellationToken.None);

            Assert.True(log.BeginOffset > all[0].Offset);
            Assert.True(log.BeginOffset <= all[2000].Offset);
            // FasterLog deletes the files in an epoch action after the commit, so shortly afterwards.
            for (var i = 0; i < 50 && SegmentFiles(dir.Path) >= segmentsBefore; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(SegmentFiles(dir.Path) < segmentsBefore, "whole segments below the begin offset are deleted");
        }

        // Uncommitted messages survive truncation and a restart, and the group resumes at its commit.
        await using (var log = TestLogs.Open(dir.Path, maxRetainedBytes: 0))
        {
            await using var reader = log.CreateReader("loader");
            var rest = await TestLogs.ReadToEndAsync(reader);
            Assert.Equal(Enumerable.Range(2000, 1000).Select(i => $"a-{i}"), TestLogs.Names(rest));

            // A replay from before the begin offset starts at the oldest retained message instead.
            reader.Seek(0, all[0].Offset);
            var replay = await TestLogs.ReadToEndAsync(reader);
            Assert.Equal(log.BeginOffset, replay[0].Offset);
            Assert.Equal(TestLogs.Names(all.SkipWhile(m => m.Offset < log.BeginOffset)), TestLogs.Names(replay));
        }
    }

    [Fact]
    public async Task The_slowest_group_holds_back_truncation()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path, maxRetainedBytes: 0);
        await using var slow = log.CreateReader("slow");
        await using var fast = log.CreateReader("fast");
        await log.AppendAsync(TestLogs.Messages("a", 0, 2000), CancellationToken.None);
        var begin = log.BeginOffset;

        var fastRead = await TestLogs.ReadToEndAsync(fast);
        await fast.CommitAsync(0, fastRead[^1].NextOffset, CancellationToken.None);
        Assert.Equal(begin, log.BeginOffset);

        var slowRead = await TestLogs.ReadToEndAsync(slow);
        Assert.Equal(TestLogs.Names(fastRead), TestLogs.Names(slowRead));
        await slow.CommitAsync(0, slowRead[1000].Offset, CancellationToken.None);
        Assert.InRange(log.BeginOffset, begin + 1, slowRead[1000].Offset);
    }

    [Fact]
    public async Task The_retention_window_keeps_recent_committed_data_for_replays()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path, maxRetainedBytes: 1L << 30);
        await using var reader = log.CreateReader("loader");
        await log.AppendAsync(TestLogs.Messages("a", 0, 2000), CancellationToken.None);
        var begin = log.BeginOffset;
        var read = await TestLogs.ReadToEndAsync(reader);
        await reader.CommitAsync(0, read[^1].NextOffset, CancellationToken.None);

        Assert.Equal(begin, log.BeginOffset);
    }

    [Theory]
    [InlineData(1000, 5000, 0, 1000)]
    [InlineData(5000, 5000, 1000, 4000)]
    [InlineData(5000, 5000, 10_000, 0)]
    public void Truncation_point_is_the_smaller_of_slowest_commit_and_retention_window(long minCommitted, long tail, long maxRetained, long expected) =>
        Assert.Equal(expected, Retention.TruncateUntil(minCommitted, tail, maxRetained));

    private static int SegmentFiles(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "log"), "events.*").Count();
}
