using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracking.Loader;

/// <summary>OpenTelemetry instruments of the loader (meter and activity source "Tracking.Loader").</summary>
public sealed class LoaderMetrics : IDisposable
{
    public const string Name = "Tracking.Loader";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private long _pendingRows;

    public LoaderMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Loaded = _meter.CreateCounter<long>("tracking.loader.rows.loaded", "{row}", "Rows inserted into ClickHouse and committed in the log");
        Batches = _meter.CreateHistogram<long>("tracking.loader.batch.rows", "{row}", "Rows per insert");
        InsertDuration = _meter.CreateHistogram<double>("tracking.loader.insert.duration", "s", "Time of one batch's ClickHouse insert, the lookup of its copies included");
        Retries = _meter.CreateCounter<long>("tracking.loader.retries", "{retry}", "Retried ClickHouse calls");
        Split = _meter.CreateCounter<long>("tracking.loader.inserts.refused", "{insert}", "Inserts ClickHouse refused for a reason retrying cannot fix, then retried in halves");
        Copies = _meter.CreateCounter<long>("tracking.loader.rows.copies", "{row}", "Rows not inserted as copies of a message already stored (client resends)");
        Poison = _meter.CreateCounter<long>("tracking.loader.records.unreadable", "{record}", "Log records that can never be inserted, sent to the dead letters");
        _meter.CreateObservableGauge("tracking.loader.rows.pending", () => Interlocked.Read(ref _pendingRows), "{row}", "Rows read from the log and not yet inserted");
    }

    public Counter<long> Loaded { get; }

    public Histogram<long> Batches { get; }

    public Histogram<double> InsertDuration { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Poison { get; }

    public Counter<long> Copies { get; }

    public Counter<long> Split { get; }

    /// <summary>Publishes consumer lag per partition (messages not yet read) from the log reader.</summary>
    public void ObserveLag(Func<IEnumerable<(int Partition, long? Lag)>> lag) =>
        _meter.CreateObservableGauge(
            "tracking.loader.lag",
            () => lag().Where(l => l.Lag is not null).Select(l => new Measurement<long>(l.Lag!.Value, new KeyValuePair<string, object?>("partition", l.Partition))),
            "{message}",
            "Messages in the log not yet read by the loader");

    public void AddPending(long rows) => Interlocked.Add(ref _pendingRows, rows);

    /// <summary>Rows read from the log and not yet inserted.</summary>
    public long PendingRows => Interlocked.Read(ref _pendingRows);

    /// <summary>Publishes 1 while the loader is stalled (see <see cref="EventLoader.Problem"/>), else 0.</summary>
    public void ObserveStall(Func<bool> stalled) =>
        _meter.CreateObservableGauge("tracking.loader.stalled", () => stalled() ? 1 : 0, "{loader}", "1 while the loader holds rows it has not loaded for longer than Loader:StallAfter, or a partition stopped at a newer record");

    /// <summary>Publishes how many partitions stopped at a record newer than this loader reads.</summary>
    public void ObserveHeld(Func<int> held) =>
        _meter.CreateObservableGauge("tracking.loader.partitions.held", held, "{partition}", "Partitions stopped at a record newer than this loader reads (upgrade the loader)");

    public void Dispose() => _meter.Dispose();
}
