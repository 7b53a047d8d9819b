using Confluent.Kafka;

namespace Tracking.LoadTest.Kafka;

/// <summary>
/// What the brokers hold of a topic: per partition the first retained offset (low watermark) and the
/// end (high watermark). Messages = Σ(high − low); a low watermark above 0 means the brokers deleted
/// messages, which librdkafka's mock cluster does beyond what <see cref="MockRetention"/> says it keeps.
/// </summary>
internal sealed record TopicExtent(long[] Low, long[] High)
{
    /// <summary>Messages the brokers hold now.</summary>
    public long Messages => High.Sum() - Low.Sum();

    /// <summary>Messages ever produced to the topic, deleted ones included.</summary>
    public long Produced => High.Sum();

    public long Deleted => Low.Sum();

    public long[] PerPartition => [.. High.Zip(Low, (high, low) => high - low)];

    public static TopicExtent Query(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-watermarks",
            EnableAutoCommit = false,
        }).Build();
        var low = new long[partitions];
        var high = new long[partitions];
        for (var partition = 0; partition < partitions; partition++)
        {
            var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(30));
            (low[partition], high[partition]) = (offsets.Low.Value, offsets.High.Value);
        }

        return new TopicExtent(low, high);
    }

    /// <summary>
    /// Fails when the mock deleted messages: a backlog larger than it keeps is gone before any loader
    /// reads it, and waiting for the loader to load it looks like a loader that stalls.
    /// </summary>
    public TopicExtent RequireComplete(string when) => RequireRetainedSince(null, when);

    /// <summary>
    /// Fails when the mock deleted any message after <paramref name="loaded"/> (the extent everything of
    /// which the loader had loaded; null: from the start). Deleting what was loaded already is harmless.
    /// </summary>
    public TopicExtent RequireRetainedSince(TopicExtent? loaded, string when)
    {
        var lost = Low.Select((low, p) => Math.Max(0, low - (loaded?.High[p] ?? 0))).Sum();
        return lost == 0 ? this : throw new InvalidOperationException(
            $"{when}: the mock cluster deleted {lost:N0} unloaded messages (it keeps {MockRetention.BytesPerPartition / 1024 / 1024} MB a partition) although the run stopped producing at its message budget; raise BENCH_KAFKA_PARTITIONS");
    }
}
