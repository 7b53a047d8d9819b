using Confluent.Kafka;

namespace Tracking.LoadTest.Kafka;

/// <summary>
/// What the brokers hold of a topic: per partition the first retained offset (low watermark) and the
/// end (high watermark). Messages = Σ(high − low); a low watermark above 0 means the brokers deleted
/// messages, which librdkafka's mock cluster does beyond 5 MB or 100,000 message sets per partition.
/// </summary>
internal sealed record TopicExtent(long Messages, long Deleted)
{
    public static TopicExtent Query(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-watermarks",
            EnableAutoCommit = false,
        }).Build();
        long messages = 0, deleted = 0;
        for (var partition = 0; partition < partitions; partition++)
        {
            var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(30));
            messages += offsets.High.Value - offsets.Low.Value;
            deleted += offsets.Low.Value;
        }

        return new TopicExtent(messages, deleted);
    }

    /// <summary>
    /// Fails when the mock deleted messages: it keeps only the last 5 MB of each partition (a constant in
    /// librdkafka's rdkafka_mock.c), so a backlog larger than that is gone before any loader reads it,
    /// and waiting for the loader to load it looks like a loader that stalls.
    /// </summary>
    public TopicExtent RequireComplete(string when) => Deleted == 0 ? this : throw new InvalidOperationException(
        $"{when}: the mock cluster deleted {Deleted:N0} of {Messages + Deleted:N0} messages (it keeps 5 MB a partition); raise BENCH_KAFKA_PARTITIONS or lower BENCH_KAFKA_SECONDS");
}
