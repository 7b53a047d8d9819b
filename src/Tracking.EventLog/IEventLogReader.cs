namespace Tracking.EventLog;

/// <summary>
/// The consuming side of the event log, one consumer of a named group. Kafka semantics: reading
/// starts at the group's committed offset of each assigned partition; <see cref="CommitAsync"/>
/// moves it on once the sink has the data, so a restart re-reads whatever was not committed.
/// </summary>
public interface IEventLogReader : IAsyncDisposable
{
    /// <summary>Partitions currently assigned to this consumer (changes on rebalance).</summary>
    IReadOnlyCollection<int> AssignedPartitions { get; }

    /// <summary>
    /// Reads up to <paramref name="maxMessages"/> messages from the assigned partitions, waiting at most
    /// <paramref name="maxWait"/> for the first one. Within a partition messages come in offset order,
    /// starting where the previous read stopped (at the committed offset after an assignment, or where
    /// <see cref="Seek"/> put it). An empty batch means nothing arrived in time. The list, and each message's
    /// <see cref="ConsumedMessage.Value"/>, stay valid until the next call.
    /// </summary>
    ValueTask<IReadOnlyList<ConsumedMessage>> ReadAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>The committed offset of a partition: the next offset to process.</summary>
    ValueTask<long> GetCommittedOffsetAsync(int partition, CancellationToken cancellationToken);

    /// <summary>Moves the read position of a partition (used to replay an unfinished batch).</summary>
    void Seek(int partition, long offset);

    /// <summary>
    /// Durably records that every message of <paramref name="partition"/> before <paramref name="nextOffset"/> is processed.
    /// Throws <see cref="PartitionNotAssignedException"/> when a rebalance gave the partition to another
    /// consumer (drop what is held of it), <see cref="EventLogUnavailableException"/> when it may succeed later.
    /// </summary>
    ValueTask CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken);

    /// <summary>Messages of a partition not yet read by this consumer (end of log − position), or null when unknown.</summary>
    long? GetLag(int partition) => null;
}
