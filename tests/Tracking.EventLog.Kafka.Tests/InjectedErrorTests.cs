using System.Globalization;
using Confluent.Kafka;
using Tracking.Testing;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class InjectedErrorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Produce_errors_are_retried_without_loss_duplicates_or_reordering()
    {
        using var kit = new KafkaTestKit(output);

        kit.Options.Producer["retry.backoff.ms"] = "50";

        // librdkafka's "msg" debug lines name each error a produce request met: proof they were hit.
        kit.Options.Producer["debug"] = "msg";
        using var writer = kit.Writer();
        await writer.AppendAsync(KafkaTestKit.Messages(12, 0, 5), CancellationToken.None);

        kit.Cluster.PushRequestErrors(
            KafkaApiKey.Produce,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition,
            ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);

        for (var round = 0; round < 6; round++)
        {
            await writer.AppendAsync(KafkaTestKit.Messages(12, 5 + (round * 20), 20), CancellationToken.None);
        }

        await using var reader = kit.Reader("loader");
        var read = await KafkaTestKit.ReadAsync(reader, count => count >= 12 * 125, commit: false);
        read.AddRange(await KafkaTestKit.ReadAsync(reader, _ => false, commit: false, TimeSpan.FromSeconds(3)));

        foreach (var dup in read.GroupBy(m => m.Value).Where(g => g.Count() > 1).Take(5))
        {
            output.WriteLine("DUP " + dup.Key + ": " + string.Join(", ", dup.Select(m => $"{m.Partition}@{m.Offset}")));
        }

        Assert.Contains(kit.ClientLog, line => line.Contains("encountered error: Broker: Not leader for partition", StringComparison.Ordinal));
        Assert.Contains(kit.ClientLog, line => line.Contains("encountered error: Broker: Request timed out", StringComparison.Ordinal));
        Assert.Equal(12 * 125, read.Count);
        Assert.Equal(read.Count, read.Select(m => m.Value).Distinct().Count());
        foreach (var key in read.GroupBy(m => m.Value.Split('-')[0]))
        {
            Assert.Equal(Enumerable.Range(0, 125), key.Select(m => int.Parse(m.Value.Split('-')[1], CultureInfo.InvariantCulture)));
        }
    }
}
