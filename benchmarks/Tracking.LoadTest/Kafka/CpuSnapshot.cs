namespace Tracking.LoadTest.Kafka;

/// <summary>CPU seconds each process had used at one instant, so a phase can charge every process its share.</summary>
internal sealed class CpuSnapshot
{
    private readonly Dictionary<int, double> _seconds;

    private CpuSnapshot(Dictionary<int, double> seconds) => _seconds = seconds;

    public static CpuSnapshot Take(params int[] processIds) => new(processIds.ToDictionary(pid => pid, Machine.CpuSeconds));

    /// <summary>CPU the process used since the snapshot, per event, in microseconds.</summary>
    public double UsPerEvent(int processId, long events) =>
        Reporting.Figures.UsPerEvent(Machine.CpuSeconds(processId) - _seconds[processId], events);
}
