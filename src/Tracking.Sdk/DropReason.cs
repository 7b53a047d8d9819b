namespace Tracking.Sdk;

/// <summary>Why an event never reached the collector. Every drop is counted under one reason.</summary>
public enum DropReason
{
    /// <summary>The in-memory queue (and the buffer behind it) was full: the newest event is dropped.</summary>
    QueueFull,

    /// <summary>The call was invalid and <see cref="TrackingOptions.ThrowOnInvalidEvents"/> is false.</summary>
    Invalid,

    /// <summary>The serialized event exceeds the collector's 32 KB per-event limit.</summary>
    TooLarge,

    /// <summary>The collector rejected the event (its per-event <c>rejected</c> list); logged with the reason.</summary>
    Rejected,

    /// <summary>The collector answered 400 for the batch: it can never succeed.</summary>
    Malformed,

    /// <summary>The collector answered 401: unknown write key.</summary>
    Unauthorized,

    /// <summary>The collector kept answering 500/502/504 for the batch (see <see cref="TrackingOptions.MaxServerErrorRetries"/>).</summary>
    ServerError,

    /// <summary>The collector answered another status that retrying cannot fix (403, 404, 501, ...).</summary>
    Refused,

    /// <summary>The client was disposed before the event could be delivered (memory buffer only), or the event came after disposal.</summary>
    Shutdown,
}
