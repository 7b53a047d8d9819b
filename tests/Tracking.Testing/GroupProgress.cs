using Confluent.Kafka;

namespace Tracking.Testing;

/// <summary>Where the loaders' consumer group stands on a topic, read from Kafka itself.</summary>
public static class GroupProgress
{
    /// <summary>
    /// Waits until the group committed every partition to its end. The loader commits after ClickHouse
    /// took the batch, so then every record in the topic was loaded, copies included, and raw row counts
    /// are final.
    /// </summary>
    /// <param name="group">The group's consumer settings (its group.id; the broker's client settings): it only reads offsets, it does not join.</param>
    /// <param name="log">Where librdkafka's logs go (default: stderr).</param>
    public static async Task WaitUntilCommittedToEndAsync(
        ConsumerConfig group, string topic, TimeSpan timeout, Action<IConsumer<Ignore, Ignore>, LogMessage>? log = null, CancellationToken cancel = default)
    {
        var builder = new ConsumerBuilder<Ignore, Ignore>(group);
        if (log is not null)
        {
            builder.SetLogHandler(log);
        }

        using var consumer = builder.Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))
            .ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var behind = consumer.Committed(partitions, TimeSpan.FromSeconds(10))
                .Select(c => (c.Partition, Next: c.Offset == Offset.Unset ? 0 : c.Offset.Value, End: consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value))
                .Where(p => p.Next < p.End)
                .ToList();
            if (behind.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"group {group.GroupId} did not commit {topic} to its end: " + string.Join(", ", behind.Select(p => $"partition {p.Partition.Value} at {p.Next} of {p.End}")));
            }

            await Task.Delay(200, cancel);
        }
    }
}
