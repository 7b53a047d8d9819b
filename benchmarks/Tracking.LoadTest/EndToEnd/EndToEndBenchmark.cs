using System.Diagnostics;
using Tracking.Host.Keys;
using Tracking.LoadTest.Ceilings;
using Tracking.LoadTest.Data;
using Tracking.LoadTest.Load;
using Tracking.LoadTest.Reporting;
using Tracking.Testing;

namespace Tracking.LoadTest.EndToEnd;

/// <summary>
/// <c>make bench</c>: the single-node host under load from this machine, then the two ceilings with the
/// same generator and data, written to benchmarks/results/e2e.json and printed as a table. A phase
/// that fails ends the run with the figures measured until then written and its reason in "failure".
/// </summary>
internal static class EndToEndBenchmark
{
    private static readonly TimeSpan DrainTimeout = QueryableProbe.DrainTimeout;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Generating {settings.Sessions:N0} landing-page sessions...");
        var bodies = BatchBodies.Generate(seed: 42, settings.Sessions, DateTimeOffset.UtcNow);
        Console.WriteLine($"  {bodies.EventCount:N0} events in {bodies.Bodies.Count:N0} batch bodies ({bodies.TotalBytes / 1024 / 1024} MB), re-stamped per send");

        var report = new E2eReport(new HostFigures { DurationSeconds = settings.Seconds, PacedEventsPerSecond = settings.PacedEventsPerSecond }) { Connections = settings.Connections };
        var phase = "host phase";
        try
        {
            await MeasureHostAsync(settings, bodies, report, report.Host, "host", withInsertCeiling: true, cancellationToken);
            phase = "HTTP ceiling";
            await MeasureHttpCeilingAsync(settings, bodies, report, cancellationToken);
            if (settings.PacedEventsPerSecond is null && settings.SustainedEventsPerSecond > 0)
            {
                phase = "sustained phase";
                report.Sustained = new HostFigures { DurationSeconds = settings.Seconds, PacedEventsPerSecond = settings.SustainedEventsPerSecond };
                await MeasureHostAsync(settings, bodies, report, report.Sustained, "sustained", withInsertCeiling: false, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            report.Failure = $"{phase}: {e.Message}";
        }

        report.Finish();

        var path = settings.E2eResultsPath;
        await report.WriteAsync(path, CancellationToken.None);
        report.PrintTable(Console.Out);
        Console.WriteLine($"Wrote {path}");
        return report.Failure is null ? 0 : throw new BenchmarkFailedException(report.Failure);
    }

    /// <summary>A fresh host under the generator (paced when <paramref name="figures"/> says so), then the insert ceiling if asked.</summary>
    private static async Task MeasureHostAsync(BenchSettings settings, BatchBodies bodies, E2eReport report, HostFigures figures, string phase, bool withInsertCeiling, CancellationToken cancellationToken)
    {
        using var data = new TempDirectory();
        // Default settings, as `make run` starts it; BENCH_HOST_X=v passes X=v to it (experiments, profiling).
        await using var host = new HostProcess(data.Path, HostEnvironment());
        Console.WriteLine("Starting the single-node host (Release)...");
        await host.StartAsync(cancel: cancellationToken);
        try
        {
            report.LoadAverage[phase + "Before"] = Machine.LoadAverage();
            await LoadHostAsync(settings, bodies, figures, host, cancellationToken);
            report.LoadAverage[phase + "After"] = Machine.LoadAverage();
            if (withInsertCeiling)
            {
                Console.WriteLine($"Insert ceiling: up to {settings.InsertCeilingRows:N0} of the loaded rows, {InsertCeiling.BatchRows:N0} a batch...");
                // As the host's own user: the export of a million loaded rows is larger than an analyst result may be.
                var (rows, seconds, cpu) = await InsertCeiling.MeasureAsync(host.InternalClickHouseAddress, SqlPasswords.Load(host.DataDir, host.AnalystPassword).InternalPassword, host.ProcessId!.Value, settings.InsertCeilingRows, cancellationToken);
                report.SetInsertCeiling(rows, seconds, cpu, Machine.LoadAverage());
            }

            await host.StopAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var output = host.Output;
            Console.WriteLine("The host said (last 4 KB):\n" + output[Math.Max(0, output.Length - 4096)..]);
            throw;
        }
    }

    private static async Task LoadHostAsync(BenchSettings settings, BatchBodies bodies, HostFigures figures, HostProcess host, CancellationToken cancellationToken)
    {
        var pid = host.ProcessId!.Value;
        await WaitReadyAsync(host.BaseAddress, cancellationToken);

        using var probe = new QueryableProbe(host.BaseAddress, host.WriteKey, host.ClickHouseAddress);
        await probe.PrimeAsync(cancellationToken);
        await PreflightAsync(host.BaseAddress, host.WriteKey, bodies.Bodies[0], cancellationToken);

        var generator = new LoadGenerator(host.BaseAddress, host.WriteKey, bodies, settings.Connections, figures.PacedEventsPerSecond);
        var pacing = figures.PacedEventsPerSecond is { } rate ? $"paced at {rate:N0} events/s" : "back to back";
        Console.WriteLine($"Host: {settings.WarmupSeconds} s warm-up, then {settings.Seconds} s measured, {settings.Connections} connections, {pacing}...");
        var startedAt = DateTime.UtcNow;
        var measureFrom = startedAt + TimeSpan.FromSeconds(settings.WarmupSeconds);
        var measureTo = measureFrom + TimeSpan.FromSeconds(settings.Seconds);
        var loading = generator.RunAsync(TimeSpan.FromSeconds(settings.WarmupSeconds), TimeSpan.FromSeconds(settings.Seconds), cancellationToken);

        // CPU, steal and queryable delay are sampled over the measured window only; the loaded-row count
        // at its start gives the loader's rate.
        await Task.Delay(measureFrom - DateTime.UtcNow, cancellationToken);
        var cpuBefore = Machine.CpuSeconds(pid);
        var generatorCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = Machine.MachineCpuTicks();
        var loadedAtStart = await InsertCeiling.CountAsync(host.ClickHouseAddress, "SELECT count() FROM tracking.events", cancellationToken);
        var loadedAtStartTime = Stopwatch.GetTimestamp();
        var probing = probe.RunAsync(measureTo, measureTo + DrainTimeout, cancellationToken);
        var flushing = FlushProbe.RunAsync(host.DataDir, measureTo, cancellationToken);
        var load = await loading;
        var cpuAfter = Machine.CpuSeconds(pid);
        var generatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - generatorCpuBefore).TotalSeconds;
        var steal = Machine.StealPercent(machineBefore, Machine.MachineCpuTicks());

        Console.WriteLine($"  {load.EventsPerSecond:N0} events/s; waiting until all {load.EventsIncludingWarmup + probe.Acknowledged:N0} accepted events are queryable...");
        var queryable = await probing;
        var (loaded, drainedAt) = await WaitLoadedAsync(host.ClickHouseAddress, load.EventsIncludingWarmup + probe.Acknowledged + bodies.Bodies[0].Events, cancellationToken);
        var loaderSeconds = Stopwatch.GetElapsedTime(loadedAtStartTime, drainedAt).TotalSeconds;
        figures.Set(load, queryable, probe.Unseen, (loaded - loadedAtStart) / loaderSeconds, loaded, Machine.PeakRssMb(pid), cpuAfter - cpuBefore, generatorCpu, steal);
        figures.SetFlush(await flushing);
    }

    private static async Task MeasureHttpCeilingAsync(BenchSettings settings, BatchBodies bodies, E2eReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"HTTP ceiling: bare Kestrel endpoint, same generator and bodies, {settings.WarmupSeconds} s + {settings.Seconds} s...");
        await using var server = await BareHttpProcess.StartAsync(cancellationToken);
        var generator = new LoadGenerator(server.BaseAddress, "bench", bodies, settings.Connections, pacedEventsPerSecond: null);
        var loadBefore = Machine.LoadAverage();
        var cpuBefore = Machine.CpuSeconds(server.ProcessId);
        var load = await generator.RunAsync(TimeSpan.FromSeconds(settings.WarmupSeconds), TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
        report.SetHttpCeiling(load, Machine.CpuSeconds(server.ProcessId) - cpuBefore, loadBefore, Machine.LoadAverage());
    }

    internal static Dictionary<string, string> HostEnvironment() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("BENCH_HOST_", StringComparison.Ordinal))
            .ToDictionary(name => name["BENCH_HOST_".Length..], name => Environment.GetEnvironmentVariable(name)!);

    internal static async Task WaitReadyAsync(Uri host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("the host never became ready (/readyz)");
    }

    /// <summary>One body through the collector, checking that every event in it is accepted: the run counts 200s as whole batches.</summary>
    internal static async Task PreflightAsync(Uri host, string writeKey, BatchBody body, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host };
        var buffer = new byte[body.Json.Length];
        body.StampInto(buffer, LoadGenerator.NextRound());
        using var request = CollectorClient.Post("v1/batch", writeKey, System.Text.Encoding.UTF8.GetString(buffer));
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!text.StartsWith($"{{\"accepted\":{body.Events},\"rejected\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the collector did not accept all {body.Events} events of a benchmark batch: {text}");
        }
    }

    /// <summary>Polls the row count until it reaches <paramref name="expected"/> (everything acknowledged).</summary>
    private static async Task<(long Loaded, long At)> WaitLoadedAsync(Uri clickHouse, long expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        long loaded;
        do
        {
            loaded = await InsertCeiling.CountAsync(clickHouse, "SELECT count() FROM tracking.events", cancellationToken);
            if (loaded >= expected)
            {
                return (loaded, Stopwatch.GetTimestamp());
            }

            await Task.Delay(100, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"only {loaded:N0} of {expected:N0} acknowledged events were loaded after {DrainTimeout}");
    }
}
