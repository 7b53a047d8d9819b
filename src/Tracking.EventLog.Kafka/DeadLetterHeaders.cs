namespace Tracking.EventLog.Kafka;

/// <summary>Header names on dead-letter messages (values are UTF-8 text).</summary>
public static class DeadLetterHeaders
{
    /// <summary>Why the message could not be loaded.</summary>
    public const string Error = "tracking-error";

    public const string SourceTopic = "tracking-source-topic";

    public const string SourcePartition = "tracking-source-partition";

    public const string SourceOffset = "tracking-source-offset";

    /// <summary>When it was set aside, ISO 8601 UTC.</summary>
    public const string FailedAt = "tracking-failed-at";
}
