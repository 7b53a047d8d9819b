using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tracking.Sdk.Buffering;
using Tracking.Sdk.Diagnostics;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Batching;

/// <summary>
/// The background stage between the queue and the outbox: serializes events and closes a batch when
/// it is full (500 events or 500 KB), when its first event has waited <see cref="TrackingOptions.FlushInterval"/>,
/// or when a flush is requested. Waits while the outbox is full, which lets the queue fill and new events drop.
/// </summary>
internal sealed class Batcher
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);

    private readonly ChannelReader<QueueItem> _reader;
    private readonly IOutbox _outbox;
    private readonly BatchBuilder _builder;
    private readonly TimeSpan _flushInterval;
    private readonly SdkMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _deadline;

    public Batcher(ChannelReader<QueueItem> reader, IOutbox outbox, BatchLimits limits, TimeSpan flushInterval, SdkMetrics metrics, ILogger logger, TimeProvider time)
    {
        _reader = reader;
        _outbox = outbox;
        _builder = new BatchBuilder(limits);
        _flushInterval = flushInterval;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    /// <summary>Runs until the queue is completed and drained; <paramref name="shutdown"/> aborts waiting for outbox room.</summary>
    public async Task RunAsync(CancellationToken shutdown)
    {
        try
        {
            await LoopAsync(shutdown);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            var lost = _builder.PendingEvents;
            while (_reader.TryRead(out var item))
            {
                if (item is TrackingEvent)
                {
                    lost++;
                }
                else if (item is FlushMarker marker)
                {
                    marker.Abandon();
                }
            }

            _metrics.Dropped(DropReason.Shutdown, lost);
            if (lost > 0)
            {
                Log.ShutdownDropped(_logger, lost);
            }
        }
        finally
        {
            _outbox.CompleteAdding();
        }
    }

    private async Task LoopAsync(CancellationToken shutdown)
    {
        while (true)
        {
            while (!_builder.IsReady && _reader.TryRead(out var item))
            {
                Add(item);
            }

            if (_builder.IsReady)
            {
                await EmitAsync(shutdown);
                continue;
            }

            if (_builder.IsEmpty)
            {
                if (!await _reader.WaitToReadAsync(CancellationToken.None))
                {
                    return;
                }

                continue;
            }

            var remaining = TimeSpan.FromSeconds((double)(_deadline - _time.GetTimestamp()) / _time.TimestampFrequency);
            if (remaining <= TimeSpan.Zero || _reader.Completion.IsCompleted)
            {
                await EmitAsync(shutdown);
                continue;
            }

            // A partial batch and an empty queue: linger briefly rather than wake for every event, so a
            // busy producer's Track calls find no waiting reader to signal. Completion (dispose) ends the wait.
            await Task.WhenAny(Task.Delay(remaining < Linger ? remaining : Linger, _time, shutdown), _reader.Completion);
        }
    }

    private void Add(QueueItem item)
    {
        if (item is FlushMarker marker)
        {
            _builder.AddMarker(marker);
            return;
        }

        var e = (TrackingEvent)item;
        var wasEmpty = _builder.Count == 0;
        if (!_builder.TryAdd(e, out var bytes))
        {
            _metrics.Dropped(DropReason.TooLarge);
            Log.EventTooLarge(_logger, e.MessageId.ToString(), bytes, BatchLimits.MaxEventBytes);
            return;
        }

        if (wasEmpty)
        {
            _deadline = _time.GetTimestamp() + (long)(_flushInterval.TotalSeconds * _time.TimestampFrequency);
        }
    }

    private async Task EmitAsync(CancellationToken shutdown)
    {
        var batch = _builder.Take();
        if (_builder.Count > 0)
        {
            _deadline = _time.GetTimestamp() + (long)(_flushInterval.TotalSeconds * _time.TimestampFrequency);
        }

        try
        {
            await _outbox.AddAsync(batch, shutdown);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _metrics.Dropped(DropReason.Shutdown, batch.Count);
            if (batch.Count > 0)
            {
                Log.ShutdownDropped(_logger, batch.Count);
            }

            foreach (var marker in batch.Markers ?? [])
            {
                marker.Abandon();
            }

            throw;
        }
    }
}
