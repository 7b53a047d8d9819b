using Microsoft.Extensions.Logging;
using Tracking.Sdk.Batching;
using Tracking.Sdk.Buffering;
using Tracking.Sdk.Diagnostics;

namespace Tracking.Sdk.Delivery;

/// <summary>
/// Sends the outbox's batches one at a time, oldest first, and completes the flush requests riding on
/// each. At shutdown (cancellation) what is left is dropped and counted, unless the outbox is durable.
/// </summary>
internal sealed class DeliveryLoop
{
    private readonly IOutbox _outbox;
    private readonly BatchSender _sender;
    private readonly SdkMetrics _metrics;
    private readonly ILogger _logger;

    public DeliveryLoop(IOutbox outbox, BatchSender sender, SdkMetrics metrics, ILogger logger)
    {
        _outbox = outbox;
        _sender = sender;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken shutdown)
    {
        EventBatch? current = null;
        try
        {
            while ((current = await _outbox.TakeAsync(shutdown)) is not null)
            {
                if (current.Count > 0)
                {
                    await _sender.SendAsync(current, shutdown);
                }

                _outbox.Remove(current);
                current.Release();
                foreach (var marker in current.Markers ?? [])
                {
                    marker.Complete();
                }

                current = null;
            }
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            Abandon(current);
        }
    }

    private void Abandon(EventBatch? inFlight)
    {
        var left = new List<EventBatch>();
        if (inFlight is not null)
        {
            left.Add(inFlight);
        }

        left.AddRange(_outbox.TakeRemaining());
        var events = 0;
        foreach (var batch in left)
        {
            events += batch.Count;
            foreach (var marker in batch.Markers ?? [])
            {
                marker.Abandon();
            }
        }

        if (_outbox.IsDurable)
        {
            var files = left.Count(b => b.FilePath is not null);
            if (files > 0)
            {
                Log.ShutdownKept(_logger, files, (_outbox as DiskOutbox)?.Directory ?? "");
            }
        }
        else if (events > 0)
        {
            _metrics.Dropped(DropReason.Shutdown, events);
            Log.ShutdownDropped(_logger, events);
        }
    }
}
