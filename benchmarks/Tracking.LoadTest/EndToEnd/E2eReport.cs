using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.LoadTest.Load;
using Tracking.LoadTest.Reporting;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.EndToEnd;

/// <summary>
/// The figures of one <c>make bench</c> run: benchmarks/results/e2e.json and the printed table. The host
/// phase's figures sit at the file's top level; the sustained phase (paced at the target rate) under
/// "sustained".
/// </summary>
internal sealed class E2eReport(HostFigures host) : RunReport
{
    public const int TargetEventsPerSecond = 100_000;

    /// <summary>The host's phase as configured: back to back (the throughput it sustains) unless BENCH_RATE paced it.</summary>
    [JsonIgnore]
    public HostFigures Host { get; } = host;

    /// <summary>
    /// The host paced at the target rate, where the latency and freshness targets apply. Back to back, a
    /// closed-loop generator's latency is its connections ÷ requests/s (Little's law) whatever the host does.
    /// </summary>
    public HostFigures? Sustained { get; set; }

    public double HttpCeilingEventsPerSecond { get; private set; }

    public double HttpCeilingP99Ms { get; private set; }

    public double HttpCeilingCpuUsPerEvent { get; private set; }

    public double InsertCeilingRowsPerSecond { get; private set; }

    public long InsertCeilingRows { get; private set; }

    /// <summary>Host CPU time per row while the insert ceiling ran (chDB parsing, sorting, compressing, writing; merges).</summary>
    public double InsertCeilingCpuUsPerRow { get; private set; }

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

    /// <summary>
    /// Efficiency of both host phases, and the targets: throughput from the host's phase, latency,
    /// freshness and efficiency at the target rate (the sustained phase), freshness back to back too.
    /// </summary>
    public void Finish()
    {
        foreach (var phase in new[] { Host, Sustained })
        {
            phase?.SetEfficiency(HttpCeilingCpuUsPerEvent, InsertCeilingCpuUsPerRow);
        }

        var atTarget = Sustained ?? Host;
        Targets["eventsPerSecond>=100000"] = Host.EventsPerSecond >= TargetEventsPerSecond && Host.Errors == 0;
        Targets["collectorP99Ms<=20"] = atTarget.CollectorP99Ms <= 20 && atTarget.Errors == 0;
        Targets["queryableP99Ms<=3000"] = atTarget.QueryableP99Ms <= 3000;
        if (Host.PacedEventsPerSecond is null)
        {
            // At saturation the collector must push back before the backlog outgrows 3 s of loading.
            Targets["backToBackQueryableP99Ms<=3000"] = Host.QueryableP99Ms <= 3000;
        }

        Targets["efficiency>=0.8"] = atTarget.Efficiency >= 0.8;
        Targets["peakRssMb<=1024"] = Math.Max(Host.PeakRssMb, Sustained?.PeakRssMb ?? 0) <= 1024;
    }

    /// <summary>Writes the figures into e2e.json, keeping the Kafka section of an earlier <c>kafka</c> run.</summary>
    public Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var root = JsonSerializer.SerializeToNode(Host, ResultsFile.Json)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(this, ResultsFile.Json)!.AsObject())
        {
            root[name] = value?.DeepClone();
        }

        return ResultsFile.WriteSingleNodeAsync(path, root, cancellationToken);
    }

    public void PrintTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"End-to-end, {Cores} cores, {Host.DurationSeconds} s, {Connections} connections (load avg {LoadAverages})"));
        output.WriteLine("  metric                        value         target");
        PrintHost(output, Host, Host.PacedEventsPerSecond is { } rate ? $"paced at {rate:N0} events/s" : "back to back");
        Row(output, "HTTP ceiling events/s", HttpCeilingEventsPerSecond.ToString("N0", c), "");
        Row(output, "insert ceiling rows/s", InsertCeilingRowsPerSecond.ToString("N0", c), "");
        Row(output, "CPU us/row bulk insert", InsertCeilingCpuUsPerRow.ToString("F1", c), "");
        Row(output, "CPU us/event bare HTTP", HttpCeilingCpuUsPerEvent.ToString("F1", c), "");
        if (Sustained is { } sustained)
        {
            PrintHost(output, sustained, $"sustained: paced at {sustained.PacedEventsPerSecond:N0} events/s");
        }

        PrintTargets(output);
    }

    private static void PrintHost(TextWriter output, HostFigures host, string phase)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"  -- host, {phase}"));
        Row(output, "accepted events/s", host.EventsPerSecond.ToString("N0", c), ">= 100,000");
        Row(output, "collector p50 / p99 / p99.9", $"{host.CollectorP50Ms:F1} / {host.CollectorP99Ms:F1} / {host.CollectorP999Ms:F1} ms", "p99 <= 20 ms");
        Row(output, "ack -> queryable p50 / p99", $"{host.QueryableP50Ms:F0} / {host.QueryableP99Ms:F0} ms", "p99 <= 3000 ms");
        Row(output, "loader events/s", host.LoaderEventsPerSecond.ToString("N0", c), "");
        Row(output, "host peak RSS", $"{host.PeakRssMb:F0} MB", "<= 1024 MB");
        Row(output, "CPU us/event host / gen", $"{host.HostCpuUsPerEvent:F1} / {host.GeneratorCpuUsPerEvent:F1}", "");
        Row(output, "efficiency", host.Efficiency.ToString("F3", c), ">= 0.8 (sustained)");
        Row(output, "disk flush p50 / p99", $"{host.FlushP50Ms:F2} / {host.FlushP99Ms:F2} ms", "");
        Row(output, "  collector p99 / flush p99", host.CollectorToFlushP99Ratio.ToString("F2", c), "");
        if (host.PushedBack > 0)
        {
            Row(output, "pushed back (503, waited)", host.PushedBack.ToString("N0", c), "");
        }

        Row(output, "CPU steal", $"{host.CpuStealPercent:F1} %", "");
        if (host.Errors > 0)
        {
            output.WriteLine(string.Create(c, $"  {host.Errors} failed requests; first: {host.FirstError}"));
        }
    }
}
