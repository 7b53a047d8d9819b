using Confluent.Kafka;

namespace Tracking.Smoke;

/// <summary>
/// Client settings an Apache Kafka broker older than 0.10 needs (what the host's Kafka__Legacy=true
/// switch sets): it has no ApiVersions request, no idempotent producer, and caps the session timeout.
/// </summary>
internal static class LegacyKafka
{
    public const string BrokerVersion = "0.9.0.1";

    public static T Apply<T>(T config, string bootstrap)
        where T : ClientConfig
    {
        config.BootstrapServers = bootstrap;
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = BrokerVersion;
        config.ClientId = "tracking-smoke";
        return config;
    }

    /// <summary>
    /// librdkafka warns on every client that these two settings are deprecated (librdkafka 3 drops
    /// pre-0.10 brokers); that is known and accepted for the smoke test, so only other logs are shown.
    /// </summary>
    public static void Log(IClient client, LogMessage message)
    {
        if (message.Facility != "CONFWARN")
        {
            Console.Error.WriteLine($"{client.Name} {message.Level} {message.Facility}: {message.Message}");
        }
    }

    public static ProducerConfig Producer(string bootstrap) => Apply(
        new ProducerConfig
        {
            // As the host's producer: acks=all, lz4, the Java clients' partitioner.
            Acks = Acks.All,
            EnableIdempotence = false,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            Partitioner = Partitioner.Murmur2Random,
            MessageTimeoutMs = 30_000,
        },
        bootstrap);

    public static ConsumerConfig Consumer(string bootstrap, string group) => Apply(
        new ConsumerConfig
        {
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            SessionTimeoutMs = 10_000,

            // As the host's loader: the assignor is client-side, so even a 0.9 broker can run it.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        },
        bootstrap);
}
