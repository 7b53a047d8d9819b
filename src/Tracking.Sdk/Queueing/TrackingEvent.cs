namespace Tracking.Sdk.Queueing;

/// <summary>
/// One event as queued: the caller's references plus the id and time stamped at enqueue. This object
/// is the only allocation of a <c>Track</c> call; serialization happens on the background sender.
/// </summary>
internal sealed class TrackingEvent : QueueItem
{
    public TrackingEvent(EventType type, string? name, in Visitor visitor, Guid messageId, DateTime timestampUtc)
    {
        Type = type;
        Name = name;
        Visitor = visitor;
        MessageId = messageId;
        TimestampUtc = timestampUtc;
    }

    public EventType Type { get; }

    /// <summary>The track event name; null for other types.</summary>
    public string? Name { get; }

    public Visitor Visitor { get; }

    /// <summary>Assigned at enqueue, reused across retries and restarts: the collector dedups on it.</summary>
    public Guid MessageId { get; }

    public DateTime TimestampUtc { get; }

    /// <summary>For group events, the account; for others <see cref="Visitor.GroupId"/>.</summary>
    public string? GroupId { get; init; }

    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    public IReadOnlyDictionary<string, object?>? Traits { get; init; }

    public PageInfo? Page { get; init; }

    /// <summary>The key path of a step event, or null.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The 0-based index of the step within <see cref="KeyPath"/>.</summary>
    public int StepIndex { get; init; }
}
