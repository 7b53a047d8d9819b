using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracking.Sdk.Diagnostics;

/// <summary>
/// The client's counters, both as exact totals (<see cref="TrackingClient.GetStatistics"/>) and as
/// OpenTelemetry-ready instruments on the <c>Tracking.Sdk</c> meter.
/// </summary>
internal sealed class SdkMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to (for example <c>AddMeter("Tracking.Sdk")</c>).</summary>
    public const string MeterName = "Tracking.Sdk";

    private static readonly int ReasonCount = Enum.GetValues<DropReason>().Length;
    private static readonly string[] ReasonTags = Enum.GetValues<DropReason>().Select(ToTag).ToArray();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _queued;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _batchDuration;
    private readonly long[] _droppedTotals = new long[ReasonCount];
    private long _queuedTotal;
    private long _sentTotal;
    private long _retriedTotal;

    public SdkMetrics(IMeterFactory? meterFactory, Func<int> queueLength)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(MeterName, LibraryVersion);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(MeterName, LibraryVersion);
        }

        _queued = _meter.CreateCounter<long>("tracking.sdk.events.queued", "{event}", "Events accepted into the queue.");
        _sent = _meter.CreateCounter<long>("tracking.sdk.events.sent", "{event}", "Events the collector accepted.");
        _retried = _meter.CreateCounter<long>("tracking.sdk.batches.retried", "{attempt}", "Retried batch requests.");
        _dropped = _meter.CreateCounter<long>("tracking.sdk.events.dropped", "{event}", "Events that will never reach the collector, by reason.");
        _batchDuration = _meter.CreateHistogram<double>("tracking.sdk.batch.duration", "s", "Time from a batch's first attempt to the collector's final answer, retries included.");
        _meter.CreateObservableGauge("tracking.sdk.queue.length", queueLength, "{event}", "Events waiting in the in-memory queue.");
    }

    private static string LibraryVersion => Serialization.LibraryInfo.Version;

    public void Queued()
    {
        Interlocked.Increment(ref _queuedTotal);
        if (_queued.Enabled)
        {
            _queued.Add(1);
        }
    }

    public void Sent(int count)
    {
        Interlocked.Add(ref _sentTotal, count);
        _sent.Add(count);
    }

    public void Retried()
    {
        Interlocked.Increment(ref _retriedTotal);
        _retried.Add(1);
    }

    public void Dropped(DropReason reason, int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        Interlocked.Add(ref _droppedTotals[(int)reason], count);
        if (_dropped.Enabled)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>("reason", ReasonTags[(int)reason]));
        }
    }

    public void BatchCompleted(TimeSpan duration, string outcome) =>
        _batchDuration.Record(duration.TotalSeconds, new TagList { { "outcome", outcome } });

    public TrackingStatistics Snapshot()
    {
        var dropped = new long[ReasonCount];
        for (var i = 0; i < dropped.Length; i++)
        {
            dropped[i] = Volatile.Read(ref _droppedTotals[i]);
        }

        return new TrackingStatistics(Volatile.Read(ref _queuedTotal), Volatile.Read(ref _sentTotal), Volatile.Read(ref _retriedTotal), dropped);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string ToTag(DropReason reason) => reason switch
    {
        DropReason.QueueFull => "queue_full",
        DropReason.TooLarge => "too_large",
        DropReason.ServerError => "server_error",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
