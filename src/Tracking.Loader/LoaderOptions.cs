namespace Tracking.Loader;

/// <summary>Configuration section "Loader".</summary>
public sealed class LoaderOptions
{
    public const string Section = "Loader";

    /// <summary>Consumer group whose committed offsets the loader advances.</summary>
    public string ConsumerGroup { get; set; } = "clickhouse-loader";

    /// <summary>Name of the log being loaded (part of the batch identity, e.g. the Kafka topic).</summary>
    public string LogName { get; set; } = "events";

    /// <summary>Rows per insert at most. ClickHouse prefers few large inserts over many small ones.</summary>
    public int BatchSize { get; set; } = 50_000;

    /// <summary>Bytes per insert at most.</summary>
    public int MaxBatchBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest an event waits in a partial batch: bounds the time from acknowledgement to queryable.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
