using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka;

/// <summary>Structured log events of the Kafka event log.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 1, Message = "librdkafka {Facility} [{Client}]: {Text}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string facility, string client, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Kafka client fatal error {Code}: {Reason}; the client is replaced")]
    public static partial void FatalError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Partitions assigned in group {Group}: {Partitions}")]
    public static partial void Assigned(ILogger logger, string group, string partitions);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Partitions revoked in group {Group}: {Partitions} (lost: {Lost})")]
    public static partial void Revoked(ILogger logger, string group, string partitions, bool lost);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Consume error in group {Group}: {Code} {Reason}")]
    public static partial void ConsumeError(ILogger logger, string group, ErrorCode code, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "Group {Group} committed partition {Partition} at {Offset}")]
    public static partial void Committed(ILogger logger, string group, int partition, long offset);

    [LoggerMessage(EventId = 15, Level = LogLevel.Debug, Message = "Group {Group} is rebalancing; commit of partition {Partition} waits for it (attempt {Attempt}, {Code})")]
    public static partial void CommitRetried(ILogger logger, string group, int partition, int attempt, ErrorCode code);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Consumer of group {Group} did not close cleanly")]
    public static partial void CloseFailed(ILogger logger, string group, Exception exception);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Topic {Topic} created with {Partitions} partitions, replication factor {ReplicationFactor}")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions, short replicationFactor);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Topic {Topic} exists with {Partitions} partitions")]
    public static partial void TopicExists(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Topic {Topic} has {Partitions} partitions, fewer than the configured {Configured}; add partitions with the Kafka tools")]
    public static partial void TopicHasFewerPartitions(ILogger logger, string topic, int partitions, int configured);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "The brokers cannot create topics ({Reason}); {Topics} must be created by the brokers' auto-creation or by an operator with {Partitions} partitions")]
    public static partial void CreateTopicsUnsupported(ILogger logger, string reason, string topics, int partitions);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Legacy brokers: topic creation skipped, {Topics} are created by the broker on first use")]
    public static partial void TopicsSkippedLegacy(ILogger logger, string topics);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Dead-lettered partition {Partition} offset {Offset} to {Topic}: {Error}")]
    public static partial void DeadLettered(ILogger logger, int partition, long offset, string topic, string error);
}
