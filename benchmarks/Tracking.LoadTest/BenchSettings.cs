using System.Globalization;

namespace Tracking.LoadTest;

/// <summary>Knobs of a run, from BENCH_* environment variables (scripts/bench.sh documents them).</summary>
internal sealed record BenchSettings(
    int Seconds,
    int WarmupSeconds,
    int Connections,
    int Sessions,
    int? PacedEventsPerSecond,
    int SustainedEventsPerSecond,
    int InsertCeilingRows,
    int ReportEvents,
    int ReportRuns,
    int KafkaSeconds,
    int KafkaPartitions,
    string ResultsDirectory,
    IReadOnlySet<string>? ReportGroups = null,
    string? ReportStore = null)
{
    /// <summary>Whether the report benchmark times <paramref name="group"/> (BENCH_REPORTS lists groups; unset: all).</summary>
    public bool RunsReports(string group) => ReportGroups is null || ReportGroups.Contains(group);

    /// <summary>Single-node figures at the top level, the Kafka path's under "kafka".</summary>
    public string E2eResultsPath => Path.Combine(ResultsDirectory, "e2e.json");

    public static BenchSettings FromEnvironment() => new(
        Seconds: Int("BENCH_SECONDS", 60),
        WarmupSeconds: Int("BENCH_WARMUP_SECONDS", 5),
        Connections: Int("BENCH_CONNECTIONS", 64),
        Sessions: Int("BENCH_SESSIONS", 20_000),
        PacedEventsPerSecond: Environment.GetEnvironmentVariable("BENCH_RATE") is { Length: > 0 } rate ? int.Parse(rate, CultureInfo.InvariantCulture) : null,
        SustainedEventsPerSecond: Int("BENCH_SUSTAINED_RATE", EndToEnd.E2eReport.TargetEventsPerSecond),
        InsertCeilingRows: Int("BENCH_INSERT_ROWS", 1_000_000),
        ReportEvents: Int("BENCH_REPORT_EVENTS", 10_000_000),
        ReportRuns: Int("BENCH_REPORT_RUNS", 5),
        KafkaSeconds: Int("BENCH_KAFKA_SECONDS", 10),
        KafkaPartitions: Int("BENCH_KAFKA_PARTITIONS", 96),
        ResultsDirectory: Environment.GetEnvironmentVariable("BENCH_RESULTS_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepoRoot(), "benchmarks", "results"),
        ReportGroups: Environment.GetEnvironmentVariable("BENCH_REPORTS") is { Length: > 0 } groups
            ? groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null,
        ReportStore: Environment.GetEnvironmentVariable("BENCH_REPORT_STORE") is { Length: > 0 } store ? Path.GetFullPath(store) : null);

    /// <summary>The repository above the working directory (the binaries may live in an artifacts folder elsewhere).</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tracking.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
