using System.Buffers;
using Tracking.Sdk.Queueing;
using Tracking.Sdk.Serialization;

namespace Tracking.Sdk.Batching;

/// <summary>Accumulates serialized events until a batch is full by count or bytes.</summary>
internal sealed class BatchBuilder
{
    private readonly GrowableBuffer _buffer = new(64 * 1024);
    private readonly EventSerializer _serializer = new();
    private readonly BatchLimits _limits;
    private List<FlushMarker>? _markers;
    private int _count;

    // An event that did not fit is kept at the buffer's end, ahead of the next batch.
    private int _carriedBytes;

    public BatchBuilder(BatchLimits limits) => _limits = limits;

    public bool IsEmpty => _count == 0 && _markers is null && _carriedBytes == 0;

    /// <summary>True when the batch must go now: full, or a flush was requested.</summary>
    public bool IsReady => _count >= _limits.MaxEvents || _carriedBytes > 0 || _markers is not null;

    public int Count => _count;

    /// <summary>Serializes the event; false (nothing added) when it exceeds the per-event limit.</summary>
    public bool TryAdd(TrackingEvent e, out int eventBytes)
    {
        var start = _buffer.Length;
        _serializer.Write(e, _buffer);
        eventBytes = _buffer.Length - start;
        if (eventBytes > BatchLimits.MaxEventBytes)
        {
            _buffer.Truncate(start);
            return false;
        }

        _buffer.WriteByte((byte)'\n');
        if (_count > 0 && _buffer.Length + BatchLimits.EnvelopeBytes > _limits.MaxBodyBytes)
        {
            _carriedBytes = _buffer.Length - start;
        }
        else
        {
            _count++;
        }

        return true;
    }

    public void AddMarker(FlushMarker marker) => (_markers ??= []).Add(marker);

    /// <summary>The batch so far (possibly empty, carrying only flush markers); the builder keeps a carried event.</summary>
    public EventBatch Take()
    {
        var size = _buffer.Length - _carriedBytes;
        EventBatch batch;
        if (_count > 0)
        {
            var data = ArrayPool<byte>.Shared.Rent(size);
            _buffer.WrittenSpan[..size].CopyTo(data);
            batch = new EventBatch(data, size, _count, _markers, pooled: true);
        }
        else
        {
            batch = new EventBatch(null, 0, 0, _markers);
        }

        _buffer.RemoveHead(size);
        _count = _carriedBytes > 0 ? 1 : 0;
        _carriedBytes = 0;
        _markers = null;
        return batch;
    }

    /// <summary>Everything in the builder as it stands, for shutdown accounting.</summary>
    public int PendingEvents => _count + (_carriedBytes > 0 ? 1 : 0);
}
