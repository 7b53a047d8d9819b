using FASTER.core;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// One consumer of a group on the embedded log: partition 0 is always assigned. Reads only committed
/// (durable) messages. Like a Kafka consumer, an instance is used by one caller at a time.
/// </summary>
/// <remarks>
/// Committed data is read straight from the segment files rather than with FasterLog's scan iterator: once
/// a reader fell out of the in-memory tail under load, the iterator's page loads (epoch-deferred actions)
/// could stall and leave the loader spinning for good. Committed means flushed, so the files hold it.
/// </remarks>
internal sealed class EmbeddedEventLogReader : IEventLogReader
{
    private static readonly int Partition = 0;
    private static readonly int InitialArenaBytes = 1 << 20;
    private static readonly int[] AssignedPartition = [Partition];
    private static readonly TimeSpan RetryAfterFailedWrite = TimeSpan.FromMilliseconds(100);

    private readonly EmbeddedEventLog _owner;
    private readonly string _group;
    private readonly SegmentFiles _files;

    // Values of one batch are read into this buffer and handed out as slices; the contract keeps them
    // valid only until the next read, so the buffer is reused instead of allocating per message.
    private byte[] _arena = new byte[InitialArenaBytes];

    // Reused like the arena: a new list per read grew to ~2 MB for a 50,000-message read, on the large-object heap.
    private readonly List<ConsumedMessage> _batch = new(1024);
    private long _next;
    private bool _closed;

    public EmbeddedEventLogReader(EmbeddedEventLog owner, string group, long committedOffset)
    {
        _owner = owner;
        _group = group;
        _files = owner.OpenSegmentFiles();
        _next = Retained(committedOffset);
    }

    public IReadOnlyCollection<int> AssignedPartitions => AssignedPartition;

    public async ValueTask<IReadOnlyList<ConsumedMessage>> ReadAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_closed, this);

        var batch = _batch;
        batch.Clear();
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

        _next = Retained(offset);
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

    internal void Close()
    {
        _closed = true;
        _files.Dispose();
    }

    private static void CheckPartition(int partition)
    {
        if (partition != Partition)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, "The embedded event log has one partition, 0.");
        }
    }

    private long Retained(long offset)
    {
        var begin = _owner.BeginOffset;
        if (offset < begin)
        {
            // Like Kafka's auto.offset.reset=earliest, but said out loud: the data in between is gone.
            Log.OffsetNotRetained(_owner.Logger, _group, offset, begin);
            return begin;
        }

        return offset;
    }

    private void Drain(List<ConsumedMessage> batch, int maxMessages)
    {
        var pageSize = _owner.PageSizeBytes;
        var used = 0;
        while (batch.Count < maxMessages)
        {
            // A page at a time (records never cross pages), up to the durable end.
            var start = LogRecords.Normalize(Retained(_next), pageSize);
            var end = Math.Min(_owner.CommittedEndOffset, LogRecords.PageEnd(start, pageSize));
            if (end <= start)
            {
                _next = start;
                return;
            }

            var length = (int)(end - start);
            if (used + length > _arena.Length)
            {
                if (batch.Count > 0)
                {
                    return; // the next read reuses the arena from its start
                }

                used = 0; // only padding so far: nothing handed out lives in the arena
                if (length > _arena.Length)
                {
                    _arena = new byte[Math.Max(length, _arena.Length * 2)];
                }
            }

            var chunk = _arena.AsMemory(used, length);
            _files.Read(start, chunk.Span);
            var position = 0;
            while (position < length && batch.Count < maxMessages)
            {
                var address = start + position;
                var valueLength = LogRecords.ValueLength(chunk.Span[position..], address);
                if (valueLength == 0)
                {
                    position = length; // padding up to the page end
                    break;
                }

                var recordBytes = LogRecords.RecordBytes(valueLength);
                batch.Add(new ConsumedMessage(Partition, address, address + recordBytes, chunk.Slice(position + LogRecords.HeaderBytes, valueLength)));
                position += recordBytes;
            }

            _next = start + position;
            used += length;
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
            await _owner.FasterLog.WaitForCommitAsync(_next + 1, -1, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is FasterException or ObjectDisposedException && !_closed)
        {
            // The log failed a write and is being reopened: what is committed stays readable, and the
            // reopened log's commits wake the next wait.
            await Task.Delay(RetryAfterFailedWrite, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return !cancellationToken.IsCancellationRequested;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
