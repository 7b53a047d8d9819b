using System.Net;
using Microsoft.Extensions.Logging;

namespace Tracking.Sdk.Diagnostics;

/// <summary>The SDK's log messages (source-generated, category <c>Tracking.Sdk.TrackingClient</c>).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Tracking event dropped: {Reason}")]
    public static partial void InvalidEvent(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Tracking queue is full ({Capacity} events): dropping new events until the collector catches up")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(3, LogLevel.Warning, "Tracking event {MessageId} dropped: {Bytes} bytes exceeds the collector's {Limit}-byte limit per event")]
    public static partial void EventTooLarge(ILogger logger, string messageId, int bytes, int limit);

    [LoggerMessage(4, LogLevel.Warning, "Collector rejected event {MessageId} ({Description}) at batch index {Index}: {Error}")]
    public static partial void EventRejected(ILogger logger, string? messageId, string? description, int index, string? error);

    [LoggerMessage(5, LogLevel.Error, "Collector answered 400 for a batch of {Count} events; dropping it (it can never succeed): {Body}")]
    public static partial void BatchMalformed(ILogger logger, int count, string body);

    [LoggerMessage(6, LogLevel.Critical, "Collector answered 401: the write key is unknown. Dropped {Count} events. Fix Tracking:WriteKey; nothing will be delivered until then")]
    public static partial void Unauthorized(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Information, "Collector answered 413 for a batch of {Count} events; splitting it")]
    public static partial void SplittingBatch(ILogger logger, int count);

    [LoggerMessage(8, LogLevel.Warning, "Collector answered {Status} for a batch of {Count} events; dropping it: {Body}")]
    public static partial void BatchRefused(ILogger logger, HttpStatusCode status, int count, string body);

    [LoggerMessage(9, LogLevel.Warning, "Sending {Count} events failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, int count, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Warning, "Tracking client shut down with {Count} undelivered events in memory: dropped")]
    public static partial void ShutdownDropped(ILogger logger, int count);

    [LoggerMessage(11, LogLevel.Information, "Tracking client shut down with {Count} batches kept in the disk buffer {Directory} for the next start")]
    public static partial void ShutdownKept(ILogger logger, int count, string directory);

    [LoggerMessage(12, LogLevel.Error, "Disk buffer {Directory} is unusable ({Error}); buffering in memory only")]
    public static partial void DiskBufferUnavailable(ILogger logger, string directory, string error);

    [LoggerMessage(13, LogLevel.Information, "Disk buffer {Directory} holds {Count} batches from a previous run; sending them first")]
    public static partial void DiskBufferRecovered(ILogger logger, string directory, int count);

    [LoggerMessage(14, LogLevel.Error, "Unexpected error sending a batch of {Count} events; dropping it")]
    public static partial void SenderFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(15, LogLevel.Error, "Disk buffer write failed; dropping a batch of {Count} events")]
    public static partial void DiskWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(16, LogLevel.Error, "Collector answered 500/502/504 too often for a batch of {Count} events; dropping it")]
    public static partial void ServerErrorsExhausted(ILogger logger, int count);
}
