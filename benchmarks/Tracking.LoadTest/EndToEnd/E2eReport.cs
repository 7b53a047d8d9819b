using System.Globalization;
using Tracking.LoadTest.Load;
using Tracking.LoadTest.Reporting;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.EndToEnd;

/// <summary>The figures of one <c>make bench</c> run: benchmarks/results/e2e.json and the printed table.</summary>
internal sealed class E2eReport : RunReport
{
    public int DurationSeconds { get; init; }

    /// <summary>Set when the generator paced itself (BENCH_RATE) instead of sending back to back.</summary>
    public int? PacedEventsPerSecond { get; init; }

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

    public double HttpCeilingEventsPerSecond { get; private set; }

    public double HttpCeilingP99Ms { get; private set; }

    public double HttpCeilingCpuUsPerEvent { get; private set; }

    public double HttpCeilingRatio { get; private set; }

    public double InsertCeilingRowsPerSecond { get; private set; }

    public long InsertCeilingRows { get; private set; }

    public double InsertCeilingRatio { get; private set; }

    /// <summary>Host CPU time per row while the insert ceiling ran (chDB parsing, sorting, compressing, writing; merges).</summary>
    public double InsertCeilingCpuUsPerRow { get; private set; }

    public void SetHost(LoadResult load, double[] queryable, int unseen, double loaderEventsPerSecond, long rowsLoaded, double peakRssMb, double hostCpuSeconds, double generatorCpuSeconds, double loadBefore, double loadAfter)
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
        QueryableP99Ms = unseen > 0 ? double.PositiveInfinity : Round(Percentile(queryable, 99));
        LoaderEventsPerSecond = Math.Round(loaderEventsPerSecond);
        RowsLoaded = rowsLoaded;
        PeakRssMb = Round(peakRssMb);
        HostCpuUsPerEvent = UsPerEvent(hostCpuSeconds, load.Events);
        GeneratorCpuUsPerEvent = UsPerEvent(generatorCpuSeconds, load.Events);
        LoadAverage["hostBefore"] = loadBefore;
        LoadAverage["hostAfter"] = loadAfter;
    }

    public void SetInsertCeiling(long rows, double seconds, double cpuSeconds, double loadAfter)
    {
        InsertCeilingRows = rows;
        InsertCeilingCpuUsPerRow = UsPerEvent(cpuSeconds, rows);
        InsertCeilingRowsPerSecond = Math.Round(rows / seconds);
        LoadAverage["insertCeilingAfter"] = loadAfter;
    }

    public void SetHttpCeiling(LoadResult load, double serverCpuSeconds, double loadBefore, double loadAfter)
    {
        HttpCeilingEventsPerSecond = Math.Round(load.EventsPerSecond);
        HttpCeilingP99Ms = Round(load.Percentile(99));
        HttpCeilingCpuUsPerEvent = UsPerEvent(serverCpuSeconds, load.Events);
        LoadAverage["httpCeilingBefore"] = loadBefore;
        LoadAverage["httpCeilingAfter"] = loadAfter;
    }

    /// <summary>Ratios and the targets.</summary>
    public void Finish()
    {
        HttpCeilingRatio = Round(EventsPerSecond / HttpCeilingEventsPerSecond, 3);
        InsertCeilingRatio = Round(LoaderEventsPerSecond / InsertCeilingRowsPerSecond, 3);
        Targets["eventsPerSecond>=100000"] = EventsPerSecond >= 100_000 && Errors == 0;
        Targets["collectorP99Ms<=20"] = CollectorP99Ms <= 20;
        Targets["queryableP99Ms<=3000"] = QueryableP99Ms <= 3000;
        Targets["httpCeilingRatio>=0.5"] = HttpCeilingRatio >= 0.5;
        Targets["insertCeilingRatio>=0.7"] = InsertCeilingRatio >= 0.7;
        Targets["peakRssMb<=1024"] = PeakRssMb <= 1024;
    }

    /// <summary>Writes the figures into e2e.json, keeping the Kafka section of an earlier <c>kafka</c> run.</summary>
    public Task WriteAsync(string path, CancellationToken cancellationToken) => ResultsFile.WriteSingleNodeAsync(path, this, cancellationToken);

    public void PrintTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"End-to-end, {Cores} cores, {DurationSeconds} s, {Connections} connections (load avg {LoadAverages})"));
        output.WriteLine("  metric                        value         target");
        Row(output, "accepted events/s", EventsPerSecond.ToString("N0", c), ">= 100,000");
        Row(output, "collector p50 / p99 / p99.9", $"{CollectorP50Ms:F1} / {CollectorP99Ms:F1} / {CollectorP999Ms:F1} ms", "p99 <= 20 ms");
        Row(output, "ack -> queryable p50 / p99", $"{QueryableP50Ms:F0} / {QueryableP99Ms:F0} ms", "p99 <= 3000 ms");
        Row(output, "HTTP ceiling events/s", HttpCeilingEventsPerSecond.ToString("N0", c), "");
        Row(output, "  ratio", HttpCeilingRatio.ToString("F3", c), ">= 0.5");
        Row(output, "loader events/s", LoaderEventsPerSecond.ToString("N0", c), "");
        Row(output, "insert ceiling rows/s", InsertCeilingRowsPerSecond.ToString("N0", c), "");
        Row(output, "  ratio", InsertCeilingRatio.ToString("F3", c), ">= 0.7");
        Row(output, "host peak RSS", $"{PeakRssMb:F0} MB", "<= 1024 MB");
        Row(output, "CPU us/event host / gen / bare", $"{HostCpuUsPerEvent:F1} / {GeneratorCpuUsPerEvent:F1} / {HttpCeilingCpuUsPerEvent:F1}", "");
        Row(output, "CPU us/row bulk insert", InsertCeilingCpuUsPerRow.ToString("F1", c), "");
        if (Errors > 0)
        {
            output.WriteLine(string.Create(c, $"  {Errors} failed requests; first: {FirstError}"));
        }

        PrintTargets(output);
    }
}
