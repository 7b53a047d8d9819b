namespace Tracking.EventLog.Kafka;

/// <summary>
/// Kafka event log settings (configuration section <see cref="SectionName"/>). The typed properties
/// cover what the pipeline depends on; <see cref="Client"/>, <see cref="Producer"/> and
/// <see cref="Consumer"/> pass raw librdkafka settings through (security, tuning) and win over the
/// defaults chosen here.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated host:port list of brokers to bootstrap from.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The event topic.</summary>
    public string Topic { get; set; } = "tracking-events";

    /// <summary>Where the loader sets aside events that can never be inserted.</summary>
    public string DeadLetterTopic { get; set; } = "tracking-events-dlq";

    /// <summary>Partitions of topics created on start; bounds how many loaders share the work.</summary>
    public int Partitions { get; set; } = 12;

    /// <summary>Replicas of topics created on start (3 in production, so acks=all survives a broker loss).</summary>
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>retention.ms of topics created on start: how long the log keeps events for replays.</summary>
    public long RetentionMs { get; set; } = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    /// <summary>
    /// How long an append waits for the brokers' acknowledgements before it fails with
    /// <see cref="EventLogUnavailableException"/> (the collector then answers 503 and the client retries).
    /// Also librdkafka's message.timeout.ms, so nothing older lingers in the producer queue.
    /// </summary>
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bound of the producer's local queue (queue.buffering.max.messages). Past it appends fail fast
    /// instead of buffering an outage in memory.
    /// </summary>
    public int MaxQueuedMessages { get; set; } = 200_000;

    /// <summary>Timeout of blocking broker round trips: commits, committed-offset and metadata queries.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Brokers older than 0.10 (no ApiVersion request, no idempotent producer, session timeout at most
    /// 30 s, no CreateTopics). Only for such brokers: it turns idempotence off.
    /// </summary>
    public bool Legacy { get; set; }

    /// <summary>Raw librdkafka settings for producer, consumer and admin client: security.protocol, sasl.*, ssl.*.</summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Raw librdkafka settings for the producers only (applied after <see cref="Client"/>).</summary>
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Raw librdkafka settings for the consumers only (applied after <see cref="Client"/>).</summary>
    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.Ordinal);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException("Kafka:BootstrapServers is required.", nameof(BootstrapServers));
        }

        if (string.IsNullOrWhiteSpace(Topic) || string.IsNullOrWhiteSpace(DeadLetterTopic))
        {
            throw new ArgumentException("Kafka:Topic and Kafka:DeadLetterTopic must be set.", nameof(Topic));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Partitions, nameof(Partitions));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReplicationFactor, nameof(ReplicationFactor));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedMessages, nameof(MaxQueuedMessages));
        if (AppendTimeout <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AppendTimeout), "Timeouts must be positive.");
        }
    }
}
