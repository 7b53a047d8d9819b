using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Embedded;

/// <summary>Structured log events of the embedded event log.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Embedded event log opened in {Directory}: begin offset {BeginOffset}, committed until {CommittedUntil}, {Groups} consumer groups")]
    public static partial void Opened(ILogger logger, string directory, long beginOffset, long committedUntil, int groups);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Embedded event log closed: committed until {CommittedUntil}")]
    public static partial void Closed(ILogger logger, long committedUntil);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Embedded event log commit failed")]
    public static partial void CommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Embedded event log truncated until {BeginOffset} (slowest consumer group committed {MinCommitted}, tail {Tail})")]
    public static partial void Truncated(ILogger logger, long beginOffset, long minCommitted, long tail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Consumer group {Group} asked for offset {Requested}, which is no longer retained; reading from {BeginOffset}")]
    public static partial void OffsetNotRetained(ILogger logger, string group, long requested, long beginOffset);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug,
        Message = "Consumer group {Group} committed offset {Offset}")]
    public static partial void OffsetCommitted(ILogger logger, string group, long offset);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Embedded event log could not be opened in {Directory}")]
    public static partial void OpenFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error,
        Message = "Embedded event log cannot write (is the disk full?): appends are refused with 503 and the log reopens itself every {RetrySeconds} s until a write succeeds")]
    public static partial void WritesFailing(ILogger logger, double retrySeconds, Exception? exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "Embedded event log writes again after {UnavailableSeconds:F1} s of refused appends")]
    public static partial void WritesRecovered(ILogger logger, double unavailableSeconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug,
        Message = "Embedded event log reopened after a failed write: committed until {CommittedUntil}")]
    public static partial void Reopened(ILogger logger, long committedUntil);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Embedded event log could not be reopened; trying again")]
    public static partial void ReopenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Embedded event log truncation skipped until it writes again: {Reason}")]
    public static partial void TruncationSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "Embedded event log group commit failed: {Reason}")]
    public static partial void GroupCommitFailed(ILogger logger, string reason);
}
