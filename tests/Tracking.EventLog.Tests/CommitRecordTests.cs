using FASTER.core;
using Tracking.EventLog.Embedded;
using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class CommitRecordTests
{
    // The commit file asks the segments' device only whether a write failed; these tests write no segments.
    private static readonly WriteFailureDetectingDevice NoSegments = new(new NullDevice());

    [Fact]
    public void A_torn_last_commit_record_leaves_the_commit_before_it()
    {
        using var dir = new TempDirectory("commit-records");
        using (var commits = new CommitRecordFile(dir.Path, NoSegments))
        {
            commits.Commit(0, 0, [1, 2, 3], commitNum: 7, forceWriteMetadata: false);
            commits.Commit(0, 0, [4, 5, 6, 7], commitNum: 8, forceWriteMetadata: false);
            Assert.Equal([8L, 7L], commits.ListCommits());
        }

        // A crash while commit 8 was being written: its slot (the first; even numbers) holds one wrong byte.
        using (var file = File.OpenWrite(Path.Combine(dir.Path, "commits")))
        {
            file.Position = 16 + 2;
            file.WriteByte(0xEE);
        }

        using var reopened = new CommitRecordFile(dir.Path, NoSegments);
        Assert.Equal([7L], reopened.ListCommits());
        Assert.Equal([1, 2, 3], reopened.GetCommitMetadata(7));
        Assert.Null(reopened.GetCommitMetadata(8));
    }

    [Fact]
    public async Task A_log_committed_by_earlier_versions_keeps_its_messages_after_the_upgrade()
    {
        using var dir = new TempDirectory("eventlog");
        var options = TestLogs.Options(dir.Path);

        // Earlier versions left FasterLog's own commit files (log/log-commits) beside the segments.
        var logDirectory = Path.Combine(dir.Path, "log");
        Directory.CreateDirectory(logDirectory);
        using (var device = Devices.CreateLogDevice(Path.Combine(logDirectory, "events"), preallocateFile: false))
        using (var earlier = new FasterLog(new FasterLogSettings
        {
            LogDevice = device,
            LogCommitDir = logDirectory,
            PageSize = options.PageSizeBytes,
            MemorySize = options.MemorySizeBytes,
            SegmentSize = options.SegmentSizeBytes,
        }))
        {
            foreach (var message in TestLogs.Messages("a", 0, 300))
            {
                earlier.Enqueue(message.Value.Span);
            }

            earlier.Commit(spinWait: true);
        }

        var earlierCommits = Path.Combine(logDirectory, "log-commits");
        Assert.NotEmpty(Directory.GetFiles(earlierCommits, "*", SearchOption.AllDirectories));

        await using (var log = TestLogs.Open(dir.Path))
        {
            await using var reader = log.CreateReader("loader");
            Assert.Equal(Enumerable.Range(0, 300).Select(i => $"a-{i}"), TestLogs.Names(await TestLogs.ReadToEndAsync(reader)));
            await log.AppendAsync(TestLogs.Messages("a", 300, 100), CancellationToken.None);
        }

        Assert.False(Directory.Exists(earlierCommits));
        await using (var log = TestLogs.Open(dir.Path))
        {
            await using var reader = log.CreateReader("loader");
            Assert.Equal(Enumerable.Range(0, 400).Select(i => $"a-{i}"), TestLogs.Names(await TestLogs.ReadToEndAsync(reader)));
        }
    }
}
