using FASTER.core;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// One consumer of a group on the embedded log: partition 0 is always assigned. Reads only committed
/// (durable) messages. Like a Kafka consumer, an instance is used by one caller at a time.
/// </summary>
internal sealed class EmbeddedEventLogReader : IEventLogReader, ILogEntryConsumer
{
    private static readonly int Partition = 0;
    private static readonly int InitialArenaBytes = 1 << 20;
    private static readonly int[] AssignedPartition = [Partition];

    private readonly EmbeddedEventLog _owner;
    private readonly string _group;
    private readonly Lock _iteratorLock = new();
    private FasterLogScanIterator _iterator;

    // Values of one batch are copied into this buffer and handed out as slices; the contract keeps them
    // valid only until the next read, so the buffer is reused instead of allocating per message.
    private byte[] _arena = new byte[InitialArenaBytes];
    private int _arenaUsed;
    private List<ConsumedMessage>? _batch;
    private bool _closed;

    public EmbeddedEventLogReader(EmbeddedEventLog owner, string group, long committedOffset)
    {
        _owner = owner;
        _group = group;
        _iterator = Open(committedOffset);
    }

    public IReadOnlyCollection<int> AssignedPartitions => AssignedPartition;

    public async ValueTask<IReadOnlyList<ConsumedMessage>> ReadAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_closed, this);

        var batch = new List<ConsumedMessage>(Math.Min(maxMessages, 1024));
        _arenaUsed = 0;
        Drain(batch, maxMessages);
        var deadline = maxWait == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)maxWait.TotalMilliseconds;
        while (batch.Count == 0 && Environment.TickCount64 < deadline
            && await WaitForCommittedDataAsync(deadline, cancellationToken))
        {
            Drain(batch, maxMessages);
        }

        return batch;
    }

    public ValueTask<long> GetCommittedOffsetAsync(int partition, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ObjectDisposedException.ThrowIf(_closed, this);
        return ValueTask.FromResult(_owner.TryGetCommittedOffset(_group, out var offset) ? offset : _owner.BeginOffset);
    }

    public void Seek(int partition, long offset)
    {
        CheckPartition(partition);
        ObjectDisposedException.ThrowIf(_closed, this);
        var tail = _owner.FasterLog.TailAddress;
        if (offset < 0 || offset > tail)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Offsets of this log lie between 0 and the tail {tail}.");
        }

        // A scan iterator cannot be repositioned; a new one at the offset replaces it.
        var next = Open(offset);
        lock (_iteratorLock)
        {
            var previous = _iterator;
            _iterator = next;
            previous.Dispose();
        }
    }

    public async ValueTask CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ObjectDisposedException.ThrowIf(_closed, this);
        var committedEnd = _owner.CommittedEndOffset;

        // Committing past the durable end would let retention cut data nobody has read.
        if (nextOffset < 0 || nextOffset > committedEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(nextOffset), nextOffset, $"Committed offsets lie between 0 and the end of the log {committedEnd}.");
        }

        await _owner.CommitOffsetAsync(_group, nextOffset, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _owner.OnReaderClosed(_group, this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Called for each record by <see cref="FasterLogScanIterator.TryConsumeNext{T}"/>, under FasterLog's epoch protection.</summary>
    void ILogEntryConsumer.Consume(ReadOnlySpan<byte> entry, long currentAddress, long nextAddress)
    {
        if (_arenaUsed + entry.Length > _arena.Length)
        {
            // Slices already handed out keep the old buffer alive until the caller's next read.
            _arena = new byte[Math.Max(entry.Length, _arena.Length * 2)];
            _arenaUsed = 0;
        }

        var value = _arena.AsMemory(_arenaUsed, entry.Length);
        entry.CopyTo(value.Span);
        _arenaUsed += entry.Length;
        _batch!.Add(new ConsumedMessage(Partition, currentAddress, nextAddress, value));
    }

    internal void Close()
    {
        lock (_iteratorLock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _iterator.Dispose();
        }
    }

    private static void CheckPartition(int partition)
    {
        if (partition != Partition)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, "The embedded event log has one partition, 0.");
        }
    }

    private FasterLogScanIterator Open(long offset)
    {
        var log = _owner.FasterLog;
        var begin = log.BeginAddress;
        if (offset < begin)
        {
            // Like Kafka's auto.offset.reset=earliest, but said out loud: the data in between is gone.
            Log.OffsetNotRetained(_owner.Logger, _group, offset, begin);
            offset = begin;
        }

        return log.Scan(offset, long.MaxValue, name: null, recover: false, scanUncommitted: false);
    }

    private void Drain(List<ConsumedMessage> batch, int maxMessages)
    {
        _batch = batch;
        try
        {
            while (batch.Count < maxMessages && _iterator.TryConsumeNext(this))
            {
            }
        }
        finally
        {
            _batch = null;
        }
    }

    private async ValueTask<bool> WaitForCommittedDataAsync(long deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (deadline != long.MaxValue)
        {
            timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue - 1)));
        }

        try
        {
            // Completes when a commit moves the durable end past our position; no polling.
            return await _iterator.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
