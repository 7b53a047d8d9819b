using System.Diagnostics;
using System.Globalization;
using Tracking.LoadTest.Ceilings;
using Tracking.LoadTest.Data;
using Tracking.LoadTest.EndToEnd;
using Tracking.LoadTest.Load;
using Tracking.LoadTest.Reporting;
using Tracking.Testing;

namespace Tracking.LoadTest.Kafka;

/// <summary>
/// <c>scripts/bench.sh kafka</c>: the cluster roles over Kafka. A helper process hosts librdkafka's mock
/// cluster and an embedded ClickHouse; a collector-role host produces to the mock and a loader-role host
/// consumes into ClickHouse, both real host processes with default settings. A short sizing burst
/// measures what the mock holds (<see cref="MockRetention"/>), then three phases, each producing phase
/// stopping at that message budget: the collector alone (acknowledged events/s, latency; builds a
/// backlog), a loader started afterwards draining that backlog, then both at once with the ack →
/// queryable probe. Writes the "kafka" section of benchmarks/results/e2e.json, also when a phase fails.
/// </summary>
internal static class KafkaBenchmark
{
    /// <summary>A loader whose row count does not move for this long is stalled: the run fails with its log.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The collector's first seconds under load, measuring what the mock stores; they warm the collector up too.</summary>
    private static readonly TimeSpan SizingBurst = TimeSpan.FromSeconds(2);

    /// <summary>Warm-up of each producing phase after the burst: the processes run optimized code by then.</summary>
    private static readonly TimeSpan WarmupAfterBurst = TimeSpan.FromSeconds(1);

    /// <summary>Messages of phase 3's budget left to the queryable probe's markers (10 a second).</summary>
    private const long ProbeAllowance = 10_000;

    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Generating {settings.Sessions:N0} landing-page sessions...");
        var bodies = BatchBodies.Generate(seed: 42, settings.Sessions, DateTimeOffset.UtcNow);
        var report = new KafkaReport
        {
            Brokers = 3,
            Partitions = settings.KafkaPartitions,
            Connections = settings.Connections,
            Seconds = settings.KafkaSeconds,
            WarmupSeconds = settings.WarmupSeconds,
        };

        Console.WriteLine($"Starting the mock Kafka cluster ({settings.KafkaPartitions} partitions) and ClickHouse in a helper process...");
        await using var infra = await KafkaInfraProcess.StartAsync(settings.KafkaPartitions, cancellationToken);
        using var collectorData = new TempDirectory("tracking-bench-collector");
        using var loaderData = new TempDirectory("tracking-bench-loader");
        await using var collector = new HostProcess(collectorData.Path, RoleSettings("collector", infra, settings));
        var loader = new HostProcess(loaderData.Path, RoleSettings("loader", infra, settings)) { WriteKey = collector.WriteKey, ReadKey = collector.ReadKey };
        await using (loader)
        {
            try
            {
                await RunPhasesAsync(settings, bodies, report, infra, collector, loader, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The roles' logs go to standard output; the one line saying what failed is the caller's.
                PrintTail("collector", collector.Output);
                PrintTail("loader", loader.Output);
                var phase = report.Produce is null ? "start-up, sizing burst or phase 1" : report.Drain is null ? "phase 2" : "phase 3";
                report.Failure = $"{phase}: {e.Message}";
            }
        }

        report.Finish();
        await ResultsFile.WriteKafkaAsync(settings.E2eResultsPath, report, CancellationToken.None);
        report.PrintTable(Console.Out);
        Console.WriteLine($"Wrote the \"{ResultsFile.KafkaKey}\" section of {settings.E2eResultsPath}");
        return report.Failure is null ? 0 : throw new BenchmarkFailedException(report.Failure);
    }

    private static async Task RunPhasesAsync(BenchSettings settings, BatchBodies bodies, KafkaReport report, KafkaInfraProcess infra, HostProcess collector, HostProcess loader, CancellationToken cancellationToken)
    {
        Console.WriteLine("Starting the collector role...");
        await collector.StartAsync(cancel: cancellationToken);
        await EndToEndBenchmark.WaitReadyAsync(collector.BaseAddress, cancellationToken);
        await EndToEndBenchmark.PreflightAsync(collector.BaseAddress, collector.WriteKey, bodies.Bodies[0], cancellationToken);
        var window = TimeSpan.FromSeconds(settings.KafkaSeconds);
        var topology = new Topology(collector.ProcessId!.Value, null, infra.ProcessId);

        // Sizing burst (also the collector's warm-up): how the messages spread over the partitions and
        // what the mock stores per message give the budget every producing phase stops at.
        Console.WriteLine($"Sizing burst: {SizingBurst.TotalSeconds} s back to back, to measure what the mock cluster holds...");
        await new LoadGenerator(collector.BaseAddress, collector.WriteKey, bodies, settings.Connections, settings.PacedEventsPerSecond)
            .RunAsync(TimeSpan.Zero, SizingBurst, cancellationToken);
        var sample = Extent(infra, settings).RequireComplete("after the sizing burst");
        report.StoredBytesPerMessage = Figures.Round(StoredMessageSize.Measure(infra.BootstrapServers, KafkaInfraServer.Topic, sample));
        report.MessageBudget = MockRetention.MessageBudget(sample.PerPartition, report.StoredBytesPerMessage);
        Console.WriteLine($"  {report.StoredBytesPerMessage:F0} bytes stored per message: each producing phase stops at {report.MessageBudget:N0} messages in the topic");

        // Phase 1: the collector alone; what it acknowledges waits in Kafka, next to the burst's messages.
        var warmup = TimeSpan.FromSeconds(Math.Min(settings.WarmupSeconds, WarmupAfterBurst.TotalSeconds));
        Console.WriteLine($"Phase 1, collector alone: {warmup.TotalSeconds} s warm-up, then up to {settings.KafkaSeconds} s measured...");
        var produce = new LoadGenerator(collector.BaseAddress, collector.WriteKey, bodies, settings.Connections, settings.PacedEventsPerSecond, report.MessageBudget - sample.Messages);
        report.LoadAverage["produceBefore"] = Machine.LoadAverage();
        var cpu = await CpuAfterWarmupAsync(topology, warmup, produce.RunAsync(warmup, window, cancellationToken), cancellationToken);
        report.Produce = ProducePhase.From(await cpu.Load, topology, cpu.Snapshot);
        report.LoadAverage["produceAfter"] = Machine.LoadAverage();
        var backlog = Extent(infra, settings).RequireComplete("after phase 1");
        Console.WriteLine($"  {report.Produce.EventsPerSecond:N0} events/s acknowledged over {report.Produce.Seconds} s; {backlog.Messages:N0} messages in Kafka");

        // Phase 2: a loader started after the fact drains the backlog.
        Console.WriteLine("Phase 2, starting the loader role on the backlog...");
        await loader.StartAsync(cancel: cancellationToken);
        topology = topology with { Loader = loader.ProcessId!.Value };
        var drainCpu = topology.Cpu();
        var drain = await WaitLoadedAsync(infra.ClickHouseAddress, 0, backlog.Produced, cancellationToken);
        report.Drain = LoadPhase.From(drain.Rows, drain.Seconds, topology, drainCpu);
        report.LoadAverage["drainAfter"] = Machine.LoadAverage();
        Console.WriteLine($"  {report.Drain.EventsPerSecond:N0} events/s over {drain.Rows:N0} rows");
        await EndToEndBenchmark.WaitReadyAsync(loader.BaseAddress, cancellationToken);

        // Phase 3: both at once, with markers timing acknowledgement to queryable. All of the backlog is
        // loaded, so the mock may delete it: this phase's budget is the whole of what the mock holds.
        using var probe = new QueryableProbe(collector.BaseAddress, collector.WriteKey, infra.ClickHouseAddress);
        await probe.PrimeAsync(cancellationToken);
        Console.WriteLine($"Phase 3, collector and loader at once: {warmup.TotalSeconds} s warm-up, then up to {settings.KafkaSeconds} s measured...");
        var concurrentProduce = new LoadGenerator(collector.BaseAddress, collector.WriteKey, bodies, settings.Connections, settings.PacedEventsPerSecond, report.MessageBudget - ProbeAllowance);
        var measureTo = DateTime.UtcNow + warmup + window;
        var loading = concurrentProduce.RunAsync(warmup, window, cancellationToken);
        var concurrent = await CpuAfterWarmupAsync(topology, warmup, loading, cancellationToken);
        var loadedAtStart = await CountAsync(infra.ClickHouseAddress, cancellationToken);
        var loadStarted = Stopwatch.GetTimestamp();
        var probing = probe.RunAsync(measureTo, measureTo + StallTimeout, cancellationToken);
        report.ConcurrentProduce = ProducePhase.From(await concurrent.Load, topology, concurrent.Snapshot);
        report.LoadAverage["concurrentAfter"] = Machine.LoadAverage();
        report.SetQueryable(await probing, probe.Unseen);
        var total = Extent(infra, settings).RequireRetainedSince(backlog, "after phase 3");
        var loaded = await WaitLoadedAsync(infra.ClickHouseAddress, loadedAtStart, total.Produced, cancellationToken);
        report.ConcurrentLoad = LoadPhase.From(total.Produced - loadedAtStart, Stopwatch.GetElapsedTime(loadStarted, loaded.DoneAt).TotalSeconds, topology, concurrent.Snapshot);

        report.RowsLoaded = total.Produced;
        report.CollectorPeakRssMb = Figures.Round(Machine.PeakRssMb(topology.Collector));
        report.LoaderPeakRssMb = Figures.Round(Machine.PeakRssMb(topology.Loader.Value));
        report.KafkaAndClickHousePeakRssMb = Figures.Round(Machine.PeakRssMb(topology.KafkaAndClickHouse));
    }

    private static TopicExtent Extent(KafkaInfraProcess infra, BenchSettings settings) =>
        TopicExtent.Query(infra.BootstrapServers, KafkaInfraServer.Topic, settings.KafkaPartitions);

    /// <summary>Lets the warm-up pass, then snapshots every process's CPU for the measured window.</summary>
    private static async Task<(Task<LoadResult> Load, CpuSnapshot Snapshot)> CpuAfterWarmupAsync(Topology topology, TimeSpan warmup, Task<LoadResult> load, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup, cancellationToken);
        return (load, topology.Cpu());
    }

    /// <summary>
    /// Polls count() until it reaches <paramref name="expected"/>. The rate counts from the first rows
    /// above <paramref name="from"/> (the loader's start-up, migrations and group join are not loading).
    /// </summary>
    private static async Task<(long Rows, double Seconds, long DoneAt)> WaitLoadedAsync(Uri clickHouse, long from, long expected, CancellationToken cancellationToken)
    {
        long? firstRows = null;
        var firstAt = 0L;
        var last = -1L;
        var movedAt = Stopwatch.GetTimestamp();
        while (true)
        {
            var rows = await CountAsync(clickHouse, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            if (rows > from && firstRows is null)
            {
                (firstRows, firstAt) = (rows, now);
            }

            if (rows >= expected)
            {
                return (rows - firstRows!.Value, Stopwatch.GetElapsedTime(firstAt, now).TotalSeconds, now);
            }

            if (rows != last)
            {
                (last, movedAt) = (rows, now);
            }
            else if (Stopwatch.GetElapsedTime(movedAt) > StallTimeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"the loader stalled: {rows:N0} of {expected:N0} rows for {StallTimeout.TotalSeconds} s"));
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Before the loader's first migration there is no table: nothing loaded yet.</summary>
    private static async Task<long> CountAsync(Uri clickHouse, CancellationToken cancellationToken)
    {
        try
        {
            return await InsertCeiling.CountAsync(clickHouse, "SELECT count() FROM tracking.events", cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Default role settings (as deploy/ runs them) plus BENCH_HOST_* overrides, pointed at the helper's Kafka and ClickHouse.</summary>
    private static Dictionary<string, string> RoleSettings(string role, KafkaInfraProcess infra, BenchSettings settings)
    {
        var values = EndToEndBenchmark.HostEnvironment();
        values["Tracking__Role"] = role;
        values["EventLog__Kind"] = "kafka";
        values["Kafka__BootstrapServers"] = infra.BootstrapServers;
        values["Kafka__Topic"] = KafkaInfraServer.Topic;
        values["Kafka__DeadLetterTopic"] = KafkaInfraServer.Topic + "-dlq";
        values["Kafka__Partitions"] = settings.KafkaPartitions.ToString(CultureInfo.InvariantCulture);
        values["Kafka__ReplicationFactor"] = "1";
        values["ClickHouse__ConnectionString"] = infra.ClickHouseConnectionString;
        return values;
    }

    private static void PrintTail(string role, string output) =>
        Console.WriteLine($"The {role} said (last 8 KB):\n" + output[Math.Max(0, output.Length - 8192)..]);
}
