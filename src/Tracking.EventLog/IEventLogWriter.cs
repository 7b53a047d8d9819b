namespace Tracking.EventLog;

/// <summary>
/// The producing side of the event log. Kafka semantics: keyed messages, appended in order per key.
/// </summary>
public interface IEventLogWriter
{
    /// <summary>
    /// Appends the messages and completes only once every one of them is durable
    /// (fsynced locally, or acknowledged by all in-sync replicas). Throws
    /// <see cref="EventLogUnavailableException"/> when the log cannot take them now.
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken);
}
