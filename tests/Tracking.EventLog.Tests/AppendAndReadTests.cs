using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class AppendAndReadTests
{
    [Fact]
    public async Task Appended_messages_are_read_back_in_order_with_exact_contents()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);
        await log.AppendAsync(TestLogs.Messages("a", 0, 300), CancellationToken.None);
        await log.AppendAsync(TestLogs.Messages("a", 300, 700), CancellationToken.None);

        await using var reader = log.CreateReader("loader");
        Assert.Equal([0], reader.AssignedPartitions);
        var read = await TestLogs.ReadToEndAsync(reader, batchSize: 128);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"a-{i}"), TestLogs.Names(read));
    }

    [Fact]
    public async Task The_log_says_it_is_open_until_it_is_disposed()
    {
        // What the host's /healthz reports for the single node.
        using var dir = new TempDirectory("eventlog");
        var log = TestLogs.Open(dir.Path);
        Assert.True(log.IsOpen);
        await log.DisposeAsync();
        Assert.False(log.IsOpen);
    }

    [Fact]
    public async Task Committing_then_reopening_resumes_after_the_committed_offset()
    {
        using var dir = new TempDirectory("eventlog");
        long committed;
        await using (var log = TestLogs.Open(dir.Path))
        {
            await log.AppendAsync(TestLogs.Messages("a", 0, 500), CancellationToken.None);
            await using var reader = log.CreateReader("loader");
            var first = await reader.ReadAsync(200, TimeSpan.FromSeconds(1), CancellationToken.None);
            Assert.Equal(200, first.Count);
            committed = first[^1].NextOffset;
            await reader.CommitAsync(0, committed, CancellationToken.None);
            Assert.Equal(committed, await reader.GetCommittedOffsetAsync(0, CancellationToken.None));
        }

        await using (var log = TestLogs.Open(dir.Path))
        {
            await using var reader = log.CreateReader("loader");
            Assert.Equal(committed, await reader.GetCommittedOffsetAsync(0, CancellationToken.None));
            var rest = await TestLogs.ReadToEndAsync(reader);
            Assert.Equal(committed, rest[0].Offset);
            Assert.Equal(Enumerable.Range(200, 300).Select(i => $"a-{i}"), TestLogs.Names(rest));

            // Another group has its own position: from the beginning.
            await using var other = log.CreateReader("audit");
            Assert.Equal(500, (await TestLogs.ReadToEndAsync(other)).Count);
        }
    }

    [Fact]
    public async Task Without_a_commit_reopening_rereads_everything()
    {
        using var dir = new TempDirectory("eventlog");
        await using (var log = TestLogs.Open(dir.Path))
        {
            await log.AppendAsync(TestLogs.Messages("a", 0, 400), CancellationToken.None);
            await using var reader = log.CreateReader("loader");
            Assert.Equal(400, (await TestLogs.ReadToEndAsync(reader)).Count);
        }

        await using (var log = TestLogs.Open(dir.Path))
        {
            await using var reader = log.CreateReader("loader");
            Assert.Equal(Enumerable.Range(0, 400).Select(i => $"a-{i}"), TestLogs.Names(await TestLogs.ReadToEndAsync(reader)));

            // Appending after recovery continues the log.
            await log.AppendAsync(TestLogs.Messages("a", 400, 100), CancellationToken.None);
            Assert.Equal(Enumerable.Range(400, 100).Select(i => $"a-{i}"), TestLogs.Names(await TestLogs.ReadToEndAsync(reader)));
        }
    }

    [Fact]
    public async Task Seek_replays_from_an_earlier_offset()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);
        await log.AppendAsync(TestLogs.Messages("a", 0, 600), CancellationToken.None);
        await using var reader = log.CreateReader("loader");
        var all = await TestLogs.ReadToEndAsync(reader);

        reader.Seek(0, all[250].Offset);
        var replay = await TestLogs.ReadToEndAsync(reader);
        Assert.Equal(Enumerable.Range(250, 350).Select(i => $"a-{i}"), TestLogs.Names(replay));
        Assert.Equal(all[250..].Select(m => m.Offset), replay.Select(m => m.Offset));

        // Seeking to a NextOffset continues with the message after it.
        reader.Seek(0, all[99].NextOffset);
        var next = await reader.ReadAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal("a-100", TestLogs.NameOf(next[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(1, 0));
    }

    [Fact]
    public async Task Reading_with_no_data_returns_empty_after_about_max_wait()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);
        await using var reader = log.CreateReader("loader");

        var started = DateTime.UtcNow;
        var batch = await reader.ReadAsync(100, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var elapsed = DateTime.UtcNow - started;

        Assert.Empty(batch);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_waiting_read_returns_as_soon_as_an_append_commits()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);
        await using var reader = log.CreateReader("loader");

        var read = reader.ReadAsync(100, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        await log.AppendAsync(TestLogs.Messages("a", 0, 3), CancellationToken.None);

        var batch = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a-0", "a-1", "a-2"], TestLogs.Names(batch));
    }

    [Fact]
    public async Task Invalid_messages_and_offsets_are_rejected()
    {
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            log.AppendAsync([new LogMessage(default, ReadOnlyMemory<byte>.Empty)], CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() =>
            log.AppendAsync([new LogMessage(default, new byte[64 << 10])], CancellationToken.None).AsTask());
        Assert.Throws<ArgumentException>(() => log.CreateReader("bad/group"));

        await using var reader = log.CreateReader("loader");
        Assert.Throws<InvalidOperationException>(() => log.CreateReader("loader"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.CommitAsync(0, long.MaxValue, CancellationToken.None).AsTask());
    }
}
