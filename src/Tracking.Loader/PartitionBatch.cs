using Tracking.ClickHouse;

namespace Tracking.Loader;

/// <summary>Rows read from one log partition and not yet inserted, with the offsets they span.</summary>
internal sealed class PartitionBatch(int partition, long startOffset, long? replayEnd, DateTimeOffset openedAt, EventBlock block)
{
    public int Partition { get; } = partition;

    public long StartOffset { get; } = startOffset;

    public long NextOffset { get; private set; } = startOffset;

    /// <summary>Set when replaying a batch recorded before a crash: it must end exactly here.</summary>
    public long? ReplayEnd { get; } = replayEnd;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public int Count => Block.Rows;

    /// <summary>The rows, already regrouped into the columns ClickHouse takes; the loader's, lent for this batch.</summary>
    public EventBlock Block { get; } = block;

    public bool ReachedReplayEnd => NextOffset >= ReplayEnd;

    public void Add(ReadOnlySpan<byte> row, long offset, long nextOffset)
    {
        Block.Add(row, offset);
        NextOffset = nextOffset;
    }

    /// <summary>Moves past a record that is not stored (unreadable), keeping the batch's offsets contiguous.</summary>
    public void Skip(long nextOffset) => NextOffset = nextOffset;

    /// <summary>The identity of this batch: the same log range always gets the same token.</summary>
    public string DeduplicationToken(string group, string log) => $"{group}/{log}/{Partition}/{StartOffset}-{NextOffset}";
}
