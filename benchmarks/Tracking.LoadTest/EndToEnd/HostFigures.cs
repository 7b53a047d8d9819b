using Tracking.LoadTest.Load;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.EndToEnd;

/// <summary>What one phase of the single-node host under load measured (back to back, or paced at a set rate).</summary>
internal sealed class HostFigures
{
    /// <summary>Set when the generator paced itself at this rate instead of sending back to back.</summary>
    public int? PacedEventsPerSecond { get; init; }

    public int DurationSeconds { get; init; }

    public double EventsPerSecond { get; private set; }

    public double RequestsPerSecond { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public double CollectorP50Ms { get; private set; }

    public double CollectorP99Ms { get; private set; }

    public double CollectorP999Ms { get; private set; }

    public double CollectorMaxMs { get; private set; }

    public double QueryableP50Ms { get; private set; }

    public double QueryableP99Ms { get; private set; }

    public int QueryableSamples { get; private set; }

    public int QueryableUnseen { get; private set; }

    /// <summary>Rows the loader made queryable per second, from the start of the measured window until the backlog was empty.</summary>
    public double LoaderEventsPerSecond { get; private set; }

    public long RowsLoaded { get; private set; }

    public double PeakRssMb { get; private set; }

    /// <summary>Host CPU time per accepted event during the measured window (all cores), in microseconds.</summary>
    public double HostCpuUsPerEvent { get; private set; }

    public double GeneratorCpuUsPerEvent { get; private set; }

    /// <summary>
    /// The machine's floor over the host's cost: (bare-HTTP CPU µs per event + bulk-insert CPU µs per row)
    /// ÷ host CPU µs per event. 1 would mean the host costs no more than receiving the requests and
    /// inserting the rows does by themselves, measured in the same run.
    /// </summary>
    public double Efficiency { get; private set; } = double.NaN;

    /// <summary>fdatasync of a 64 KB write on the data folder's disk during the measured window (<see cref="FlushProbe"/>).</summary>
    public double FlushP50Ms { get; private set; } = double.NaN;

    public double FlushP99Ms { get; private set; } = double.NaN;

    public int FlushSamples { get; private set; }

    /// <summary>collectorP99Ms ÷ flushP99Ms: how many of the disk's own flush tails the collector's tail is.</summary>
    public double CollectorToFlushP99Ratio { get; private set; } = double.NaN;

    /// <summary>Requests the collector pushed back (503 with Retry-After) that the generator waited out and sent again.</summary>
    public long PushedBack { get; private set; }

    /// <summary>Share of the machine's CPU time the hypervisor gave to other guests during the window: the machine is shared.</summary>
    public double CpuStealPercent { get; private set; }

    public void Set(LoadResult load, double[] queryable, int unseen, double loaderEventsPerSecond, long rowsLoaded, double peakRssMb, double hostCpuSeconds, double generatorCpuSeconds, double stealPercent)
    {
        EventsPerSecond = Math.Round(load.EventsPerSecond);
        RequestsPerSecond = Math.Round(load.RequestsPerSecond);
        Errors = load.Errors;
        PushedBack = load.PushedBack;
        FirstError = load.FirstError;
        CollectorP50Ms = Round(load.Percentile(50));
        CollectorP99Ms = Round(load.Percentile(99));
        CollectorP999Ms = Round(load.Percentile(99.9));
        CollectorMaxMs = Round(load.Percentile(100));
        QueryableSamples = queryable.Length;
        QueryableUnseen = unseen;
        QueryableP50Ms = Round(Percentile(queryable, 50));
        QueryableP99Ms = QueryableP99(queryable, unseen);
        LoaderEventsPerSecond = Math.Round(loaderEventsPerSecond);
        RowsLoaded = rowsLoaded;
        PeakRssMb = Round(peakRssMb);
        HostCpuUsPerEvent = UsPerEvent(hostCpuSeconds, load.Events);
        GeneratorCpuUsPerEvent = UsPerEvent(generatorCpuSeconds, load.Events);
        CpuStealPercent = Round(stealPercent);
    }

    public void SetFlush(double[] sortedFlushMs)
    {
        FlushSamples = sortedFlushMs.Length;
        (FlushP50Ms, FlushP99Ms) = FlushProbe.Percentiles(sortedFlushMs);
        CollectorToFlushP99Ratio = Round(CollectorP99Ms / FlushP99Ms, 2);
    }

    /// <summary>Sets <see cref="Efficiency"/> from the two ceilings' CPU per event, measured in the same run.</summary>
    public void SetEfficiency(double bareHttpCpuUsPerEvent, double bulkInsertCpuUsPerRow) =>
        Efficiency = HostCpuUsPerEvent > 0 && bareHttpCpuUsPerEvent > 0 && bulkInsertCpuUsPerRow > 0
            ? Round((bareHttpCpuUsPerEvent + bulkInsertCpuUsPerRow) / HostCpuUsPerEvent, 3)
            : double.NaN;
}
