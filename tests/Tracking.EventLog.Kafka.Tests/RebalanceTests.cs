using System.Collections.Concurrent;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class RebalanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_readers_split_the_partitions_and_with_commits_read_every_message_once_across_a_rebalance()
    {
        using var kit = new KafkaTestKit(output, partitions: 6);
        using var writer = kit.Writer();
        await using var first = kit.Reader("loaders");
        var second = kit.Reader("loaders");
        var read = new ConcurrentQueue<(string Reader, string Value)>();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var firstLoop = LoadAsync(first, "first", read, stopFirst.Token);
        var secondLoop = LoadAsync(second, "second", read, stopSecond.Token);

        // A loader loop that died (a commit refused) fails the test with its own exception.
        bool Running(bool condition)
        {
            foreach (var loop in new[] { firstLoop, secondLoop }.Where(l => l.IsFaulted))
            {
                loop.GetAwaiter().GetResult();
            }

            return condition;
        }

        await KafkaTestKit.EventuallyAsync(
            () => Running(first.AssignedPartitions.Count > 0 && second.AssignedPartitions.Count > 0
                && first.AssignedPartitions.Count + second.AssignedPartitions.Count == 6),
            "both readers to hold partitions");
        Assert.Empty(first.AssignedPartitions.Intersect(second.AssignedPartitions));
        Assert.Equal(Enumerable.Range(0, 6), first.AssignedPartitions.Union(second.AssignedPartitions).Order());
        var secondsShare = second.AssignedPartitions.ToArray();

        await writer.AppendAsync(KafkaTestKit.Messages(30, 0, 20, "x"), CancellationToken.None);
        await KafkaTestKit.EventuallyAsync(() => Running(read.Count >= 600), "the first 600 messages");
        Assert.Contains(read, r => r.Reader == "second");

        // The second loader stops while events keep coming: what it committed is not read again, what
        // it never read moves to the first one.
        var more = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await writer.AppendAsync(KafkaTestKit.Messages(30, 20 + (i * 3), 3, "x"), CancellationToken.None);
            }
        });
        await stopSecond.CancelAsync();
        await secondLoop;
        await second.DisposeAsync();
        await more;

        await KafkaTestKit.EventuallyAsync(() => Running(first.AssignedPartitions.Count == 6), "the first reader to take every partition");
        Assert.Subset(first.AssignedPartitions.ToHashSet(), secondsShare.ToHashSet());
        await KafkaTestKit.EventuallyAsync(() => Running(read.Count >= 1500), "all 1500 messages");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stopFirst.CancelAsync();
        await firstLoop;

        var values = read.Select(r => r.Value).ToList();
        Assert.Equal(1500, values.Count);
        Assert.Equal(
            KafkaTestKit.Messages(30, 0, 50, "x").Select(m => System.Text.Encoding.UTF8.GetString(m.Value.Span)).Order(),
            values.Order());
    }

    /// <summary>A loader in miniature: read a batch, "insert" it, commit each partition's end.</summary>
    private static async Task LoadAsync(KafkaEventLogReader reader, string name, ConcurrentQueue<(string, string)> read, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var batch = await reader.ReadAsync(50, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            foreach (var message in batch)
            {
                read.Enqueue((name, KafkaTestKit.Text(message)));
            }

            await KafkaTestKit.CommitAsync(reader, batch);
        }
    }
}
