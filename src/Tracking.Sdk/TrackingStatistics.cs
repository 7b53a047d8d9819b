namespace Tracking.Sdk;

/// <summary>A snapshot of a client's counters since it was created.</summary>
public sealed class TrackingStatistics
{
    private readonly long[] _dropped;

    internal TrackingStatistics(long queued, long sent, long retried, long[] dropped)
    {
        Queued = queued;
        Sent = sent;
        Retried = retried;
        _dropped = dropped;
        Dropped = dropped.Sum();
    }

    /// <summary>Events accepted into the queue.</summary>
    public long Queued { get; }

    /// <summary>Events the collector accepted.</summary>
    public long Sent { get; }

    /// <summary>Retried HTTP attempts (one per batch retry).</summary>
    public long Retried { get; }

    /// <summary>Events dropped for any reason.</summary>
    public long Dropped { get; }

    /// <summary>Events dropped for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long DroppedFor(DropReason reason) => _dropped[(int)reason];

    /// <inheritdoc />
    public override string ToString() =>
        $"queued={Queued} sent={Sent} retried={Retried} dropped={Dropped} ("
        + string.Join(", ", Enum.GetValues<DropReason>().Where(r => DroppedFor(r) > 0).Select(r => $"{r}={DroppedFor(r)}"))
        + ")";
}
