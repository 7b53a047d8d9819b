using Confluent.Kafka;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// librdkafka settings of each client, in one place. Order: our defaults, then the legacy-broker
/// switch, then the pass-through dictionaries, so an operator's explicit setting always wins.
/// </summary>
internal static class KafkaClientConfigs
{
    /// <summary>Largest session timeout a pre-0.10 broker accepts (its group.max.session.timeout.ms).</summary>
    private static readonly int LegacyMaxSessionTimeoutMs = 30_000;

    public static ProducerConfig Producer(KafkaOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,

            // Durable before acknowledged: every in-sync replica has it, and retries cannot duplicate
            // or reorder (idempotence keeps per-partition sequence numbers).
            Acks = Acks.All,
            EnableIdempotence = true,
            MaxInFlight = 5,

            // Throughput: a few milliseconds of lingering lets concurrent requests share a produce
            // request; lz4 is cheap on CPU and understood by every broker since 0.8.2.
            LingerMs = 5,
            BatchNumMessages = 10_000,
            BatchSize = 1_000_000,
            CompressionType = CompressionType.Lz4,

            // Same partitioner as the Java clients: a visitor lands on the same partition whichever
            // client produced the event.
            Partitioner = Partitioner.Murmur2Random,

            MessageTimeoutMs = (int)options.AppendTimeout.TotalMilliseconds,
            QueueBufferingMaxMessages = options.MaxQueuedMessages,

            // The delivery handler only looks at the error: marshalling keys, values and headers back
            // into managed memory for every message would be wasted work.
            DeliveryReportFields = "status",
        };
        if (options.Legacy)
        {
            ApplyLegacy(config);
            config.EnableIdempotence = false;
        }

        Apply(config, options.Client);
        Apply(config, options.Producer);
        return config;
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string groupId, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            GroupId = groupId,

            // Offsets move only when the sink has the data (CommitAsync); a group without offsets
            // starts at the beginning so nothing retained is skipped.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,

            // Incremental rebalancing: only the partitions that move are revoked, so a loader joining
            // or leaving does not make every other loader drop its open batches.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,

            // Only partition, offset and value are used; skipping topic, timestamp and headers saves
            // a string and allocations per message.
            ConsumeResultFields = "none",
        };
        if (options.Legacy)
        {
            ApplyLegacy(config);
            config.SessionTimeoutMs = LegacyMaxSessionTimeoutMs;
        }

        Apply(config, options.Client);
        Apply(config, options.Consumer);
        return config;
    }

    public static AdminClientConfig Admin(KafkaOptions options, string clientId)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = clientId };
        if (options.Legacy)
        {
            ApplyLegacy(config);
        }

        Apply(config, options.Client);
        return config;
    }

    /// <summary>Pre-0.10 brokers close the connection on an ApiVersion request; tell librdkafka what they speak.</summary>
    private static void ApplyLegacy(ClientConfig config)
    {
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = "0.9.0.1";
    }

    private static void Apply(ClientConfig config, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            config.Set(key, value);
        }
    }
}
