using Tracking.EventLog;
namespace Tracking.EventLog.Kafka.Tests;

public sealed class AppendAndReadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Appended_messages_are_read_back_exactly_with_each_key_in_order_in_one_partition()
    {
        using var kit = new KafkaTestKit(output);
        using (var writer = kit.Writer())
        {
            await writer.AppendAsync(KafkaTestKit.Messages(keys: 20, from: 0, perKey: 30), CancellationToken.None);
            await writer.AppendAsync(KafkaTestKit.Messages(keys: 20, from: 30, perKey: 20), CancellationToken.None);
        }

        await using var reader = kit.Reader("loader");
        var read = await KafkaTestKit.ReadAsync(reader, count => count >= 1000, commit: false);

        var expected = KafkaTestKit.Messages(20, 0, 50).Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span)).Order();
        Assert.Equal(expected, read.Select(m => m.Value).Order());
        foreach (var key in read.GroupBy(m => m.Value.Split('-')[0]))
        {
            Assert.Single(key.Select(m => m.Partition).Distinct());
            Assert.Equal(Enumerable.Range(0, 50), key.Select(m => int.Parse(m.Value.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        // 20 keys over 6 partitions: the keys really are spread, not all in one partition.
        Assert.True(read.Select(m => m.Partition).Distinct().Count() > 1);
        Assert.All(read, m => Assert.Equal(m.Offset + 1, m.NextOffset));
    }

    [Fact]
    public async Task A_new_reader_of_the_group_resumes_after_the_committed_offsets()
    {
        using var kit = new KafkaTestKit(output);
        using var writer = kit.Writer();
        await writer.AppendAsync(KafkaTestKit.Messages(10, 0, 40, "a"), CancellationToken.None);

        await using (var first = kit.Reader("loader"))
        {
            var read = await KafkaTestKit.ReadAsync(first, count => count >= 400, commit: true);
            Assert.Equal(400, read.Count);
        }

        await writer.AppendAsync(KafkaTestKit.Messages(10, 0, 15, "b"), CancellationToken.None);
        await using var second = kit.Reader("loader");
        var resumed = await KafkaTestKit.ReadAsync(second, count => count >= 150, commit: true);

        // Let a straggler (a message read twice) show up before asserting.
        resumed.AddRange(await KafkaTestKit.ReadAsync(second, _ => false, commit: false, TimeSpan.FromSeconds(2)));
        Assert.Equal(
            KafkaTestKit.Messages(10, 0, 15, "b").Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span)).Order(),
            resumed.Select(m => m.Value).Order());
    }

    [Fact]
    public async Task Committed_offset_of_a_fresh_group_is_the_low_watermark_and_then_what_was_committed()
    {
        using var kit = new KafkaTestKit(output, partitions: 2);
        using var writer = kit.Writer();
        await writer.AppendAsync(KafkaTestKit.Messages(8, 0, 10), CancellationToken.None);
        await using var reader = kit.Reader("fresh");

        Assert.Equal(0, await reader.GetCommittedOffsetAsync(0, CancellationToken.None));
        Assert.Equal(0, await reader.GetCommittedOffsetAsync(1, CancellationToken.None));

        var read = await KafkaTestKit.ReadAsync(reader, count => count >= 80, commit: false);
        var partition = read[0].Partition;
        var next = read.Where(m => m.Partition == partition).Max(m => m.NextOffset);
        await reader.CommitAsync(partition, next, CancellationToken.None);

        Assert.Equal(next, await reader.GetCommittedOffsetAsync(partition, CancellationToken.None));
        Assert.Equal(0, await reader.GetCommittedOffsetAsync(1 - partition, CancellationToken.None));
        Assert.Equal(0, reader.GetLag(partition));
    }

    [Fact]
    public async Task Seek_replays_a_partition_from_the_given_offset()
    {
        using var kit = new KafkaTestKit(output, partitions: 1);
        using var writer = kit.Writer();
        await writer.AppendAsync(KafkaTestKit.Messages(1, 0, 20), CancellationToken.None);
        await using var reader = kit.Reader("replay");
        var first = await KafkaTestKit.ReadAsync(reader, count => count >= 20, commit: false);

        reader.Seek(0, 5);
        var replay = await KafkaTestKit.ReadAsync(reader, count => count >= 15, commit: false);

        Assert.Equal(first.Skip(5).Select(m => m.Value), replay.Select(m => m.Value));
    }

    [Fact]
    public async Task Commit_for_a_partition_not_assigned_fails_clearly()
    {
        using var kit = new KafkaTestKit(output, partitions: 2);
        await using var reader = kit.Reader("loader");

        var e = Assert.Throws<PartitionNotAssignedException>(() => reader.CommitAsync(7, 1, CancellationToken.None).AsTask().GetAwaiter().GetResult());
        Assert.Equal(7, e.Partition);
    }
}
