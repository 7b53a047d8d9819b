using Tracking.LoadTest.Load;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.Kafka;

/// <summary>The processes of the Kafka topology; <see cref="Loader"/> is null before the loader role starts.</summary>
internal sealed record Topology(int Collector, int? Loader, int KafkaAndClickHouse)
{
    public int Generator { get; } = Environment.ProcessId;

    public CpuSnapshot Cpu() => Loader is { } loader
        ? CpuSnapshot.Take(Collector, loader, KafkaAndClickHouse, Generator)
        : CpuSnapshot.Take(Collector, KafkaAndClickHouse, Generator);
}

/// <summary>
/// The collector role under back-to-back load: events the brokers acknowledged (the collector answers
/// 200 only then) and CPU per acknowledged event of each process in the measured window, which ends
/// early (<see cref="StoppedAtBudget"/>) when the topic reached what the mock cluster holds.
/// </summary>
internal sealed record ProducePhase(
    double Seconds,
    bool StoppedAtBudget,
    double EventsPerSecond,
    double RequestsPerSecond,
    long Errors,
    string? FirstError,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double CollectorCpuUsPerEvent,
    double GeneratorCpuUsPerEvent,
    double KafkaAndClickHouseCpuUsPerEvent,
    double? LoaderCpuUsPerEvent)
{
    public static ProducePhase From(LoadResult load, Topology topology, CpuSnapshot cpu) => new(
        Round(load.Seconds),
        load.StoppedAtBudget,
        Math.Round(load.EventsPerSecond),
        Math.Round(load.RequestsPerSecond),
        load.Errors,
        load.FirstError,
        Round(load.Percentile(50)),
        Round(load.Percentile(99)),
        Round(load.Percentile(99.9)),
        cpu.UsPerEvent(topology.Collector, load.Events),
        cpu.UsPerEvent(topology.Generator, load.Events),
        cpu.UsPerEvent(topology.KafkaAndClickHouse, load.Events),
        topology.Loader is { } loader ? cpu.UsPerEvent(loader, load.Events) : null);
}

/// <summary>The loader role moving rows from Kafka into ClickHouse: from the first rows it inserted to the last.</summary>
internal sealed record LoadPhase(long Events, double Seconds, double EventsPerSecond, double LoaderCpuUsPerEvent, double KafkaAndClickHouseCpuUsPerEvent)
{
    public static LoadPhase From(long events, double seconds, Topology topology, CpuSnapshot cpu) => new(
        events,
        Round(seconds),
        Math.Round(events / seconds),
        cpu.UsPerEvent(topology.Loader!.Value, events),
        cpu.UsPerEvent(topology.KafkaAndClickHouse, events));
}
