using System.Threading.Channels;
using Tracking.Sdk.Batching;

namespace Tracking.Sdk.Buffering;

/// <summary>
/// The default outbox: at most <c>capacity</c> batches in memory (one in flight, the next ready), so
/// memory stays bounded at about <see cref="TrackingOptions.MaxQueueSize"/> plus two batches.
/// </summary>
internal sealed class MemoryOutbox : IOutbox
{
    private readonly Channel<EventBatch> _batches;

    public MemoryOutbox(int capacity = 1)
    {
        _batches = Channel.CreateBounded<EventBatch>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public bool IsDurable => false;

    public ValueTask AddAsync(EventBatch batch, CancellationToken cancellationToken) => _batches.Writer.WriteAsync(batch, cancellationToken);

    public void CompleteAdding() => _batches.Writer.TryComplete();

    public async ValueTask<EventBatch?> TakeAsync(CancellationToken cancellationToken) =>
        await _batches.Reader.WaitToReadAsync(cancellationToken) && _batches.Reader.TryRead(out var batch) ? batch : null;

    public void Remove(EventBatch batch)
    {
    }

    public IReadOnlyList<EventBatch> TakeRemaining()
    {
        var remaining = new List<EventBatch>();
        while (_batches.Reader.TryRead(out var batch))
        {
            remaining.Add(batch);
        }

        return remaining;
    }

    public void Dispose()
    {
    }
}
