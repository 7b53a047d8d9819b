using System.Text.Json;
using Confluent.Kafka;

namespace Tracking.LoadTest.Kafka;

/// <summary>
/// Bytes the mock cluster stores per message, measured: a consumer reads a few partitions from their
/// start and the bytes its broker connections received (librdkafka's statistics, brokers[].rxbytes) are
/// divided by the messages read. A fetch returns the stored message sets as they are (LZ4 batches, as
/// the collector produced them), so this is the compressed size with the batching of the burst that
/// wrote them, plus a little protocol overhead (which errs on the safe side).
/// </summary>
internal static class StoredMessageSize
{
    public static double Measure(string bootstrapServers, string topic, TopicExtent extent, int partitions = 8)
    {
        long receivedBytes = 0;
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-message-size",
            EnableAutoCommit = false,
            StatisticsIntervalMs = 100,
        };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config)
            .SetStatisticsHandler((_, json) => Interlocked.Exchange(ref receivedBytes, BrokerBytes(json)))
            .Build();
        var sample = Enumerable.Range(0, Math.Min(partitions, extent.PerPartition.Length)).Where(p => extent.PerPartition[p] > 0).ToArray();
        consumer.Assign(sample.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var expected = sample.Sum(p => extent.PerPartition[p]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long read = 0;
        while (read < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false, Message: not null })
            {
                read++;
            }
        }

        if (read < expected)
        {
            throw new TimeoutException($"measuring the stored message size: read only {read:N0} of {expected:N0} messages in 60 s");
        }

        // One more statistics interval, so the figure covers the last fetch.
        var before = Interlocked.Read(ref receivedBytes);
        for (var i = 0; i < 20 && Interlocked.Read(ref receivedBytes) == before; i++)
        {
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        }

        return (double)Interlocked.Read(ref receivedBytes) / read;
    }

    private static long BrokerBytes(string statistics)
    {
        using var json = JsonDocument.Parse(statistics);
        return json.RootElement.GetProperty("brokers").EnumerateObject().Sum(b => b.Value.GetProperty("rxbytes").GetInt64());
    }
}
