using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracking.Collector;

/// <summary>OpenTelemetry instruments of the collector (meter and activity source "Tracking.Collector").</summary>
public sealed class CollectorMetrics : IDisposable
{
    public const string Name = "Tracking.Collector";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public CollectorMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Accepted = _meter.CreateCounter<long>("tracking.collector.events.accepted", "{event}", "Events durably appended to the event log");
        Rejected = _meter.CreateCounter<long>("tracking.collector.events.rejected", "{event}", "Events refused by validation");
        RequestBytes = _meter.CreateHistogram<long>("tracking.collector.request.size", "By", "Request body size after decompression");
        AppendDuration = _meter.CreateHistogram<double>("tracking.collector.append.duration", "s", "Time until the event log acknowledged a request's events");
        Unavailable = _meter.CreateCounter<long>("tracking.collector.unavailable", "{request}", "Requests answered 503: the event log could not take them, or (reason = backlog) the loader is further behind than Collector:MaxBacklogSeconds");
        RateLimited = _meter.CreateCounter<long>("tracking.collector.rate_limited", "{request}", "Requests answered 429, tagged by the limit they hit (limit = client_ip or write_key)");
    }

    public Counter<long> Accepted { get; }

    public Counter<long> Rejected { get; }

    public Histogram<long> RequestBytes { get; }

    public Histogram<double> AppendDuration { get; }

    public Counter<long> Unavailable { get; }

    public Counter<long> RateLimited { get; }

    public void Dispose() => _meter.Dispose();
}
