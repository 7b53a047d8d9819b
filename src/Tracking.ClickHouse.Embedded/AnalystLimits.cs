namespace Tracking.ClickHouse.Embedded;

/// <summary>
/// Bounds on every query of a read-only user (<c>analyst</c>), applied by chDB itself as query
/// settings. A request may ask for lower values, never higher ones. The execution time also bounds
/// how long a loader insert or a report query can wait behind an analyst query: chDB runs one
/// statement at a time and cannot pause one.
/// </summary>
public sealed class AnalystLimits
{
    /// <summary>max_execution_time; 10 s by default.</summary>
    public TimeSpan MaxExecutionTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>max_memory_usage in bytes; 2 GiB by default.</summary>
    public long MaxMemoryUsage { get; init; } = 2L << 30;

    /// <summary>max_result_rows; 1,000,000 by default.</summary>
    public long MaxResultRows { get; init; } = 1_000_000;

    /// <summary>max_result_bytes (uncompressed, in memory); 256 MiB by default, since results are buffered whole.</summary>
    public long MaxResultBytes { get; init; } = 256L << 20;
}
