using Tracking.Sdk.Batching;

namespace Tracking.Sdk.Buffering;

/// <summary>Batches waiting for the collector, oldest first: in memory, or on disk so they survive a restart.</summary>
internal interface IOutbox : IDisposable
{
    /// <summary>Whether batches left at shutdown survive for the next start.</summary>
    bool IsDurable { get; }

    /// <summary>Adds a batch, waiting while the outbox is at its bound.</summary>
    ValueTask AddAsync(EventBatch batch, CancellationToken cancellationToken);

    /// <summary>No more batches will be added.</summary>
    void CompleteAdding();

    /// <summary>The oldest batch (with its data loaded), or null once adding is complete and nothing is left.</summary>
    ValueTask<EventBatch?> TakeAsync(CancellationToken cancellationToken);

    /// <summary>The collector has answered for the batch taken last: forget it.</summary>
    void Remove(EventBatch batch);

    /// <summary>At shutdown: the batches never taken (their events are lost unless the outbox is durable).</summary>
    IReadOnlyList<EventBatch> TakeRemaining();
}
