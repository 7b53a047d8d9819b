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

    /// <summary>Share of the machine's CPU time the hypervisor gave to other guests during the window: the machine is shared.</summary>
    public double CpuStealPercent { get; private set; }

    public void Set(LoadResult load, double[] queryable, int unseen, double loaderEventsPerSecond, long rowsLoaded, double peakRssMb, double hostCpuSeconds, double generatorCpuSeconds, double stealPercent)
    {
        EventsPerSecond = Math.Round(load.EventsPerSecond);
        RequestsPerSecond = Math.Round(load.RequestsPerSecond);
        Errors = load.Errors;
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
}
