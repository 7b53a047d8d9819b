using Tracking.ClickHouse;
using Tracking.Events.Schema;

namespace Tracking.Loader;

/// <summary>
/// Blocks kept between batches, with their column buffers at the size batches grew them to. A new block per
/// batch rented 36 growing column arrays from the shared pool, which keeps only a few arrays of each size:
/// at a 50,000-row batch every few hundred milliseconds most of them fell to the large-object heap as
/// garbage, and the heap's growth and fragmentation were the largest part of the host's memory.
/// </summary>
internal sealed class EventBlockPool
{
    /// <summary>
    /// Idle blocks kept at most. One partition fills one block at a time, so a single log needs one; more
    /// partitions open blocks of their own, and those beyond this are freed when their batch ends.
    /// </summary>
    private const int Kept = 2;

    private readonly Stack<EventBlock> _idle = new(Kept);

    /// <summary>
    /// An empty block for one batch of records of <paramref name="layout"/>; the loader owns it until
    /// <see cref="Return"/>. Kept blocks are left to the GC with the loader.
    /// </summary>
    public EventBlock Rent(RecordLayout layout)
    {
        var block = _idle.TryPop(out var kept) ? kept : new EventBlock();
        block.Reset(layout);
        return block;
    }

    public void Return(EventBlock block)
    {
        if (_idle.Count < Kept)
        {
            _idle.Push(block);
        }
        else
        {
            block.Dispose();
        }
    }
}
