using Tracking.Events.Schema;

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

    /// <summary>
    /// Longest a partial batch waits while its partition still has a backlog. Events behind a backlog are
    /// late anyway; letting their batch fill keeps many partitions from cutting the stream into many small
    /// inserts, which cost ClickHouse far more per row than large ones.
    /// </summary>
    public TimeSpan BacklogFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes held in partial batches across all partitions at most; past it the largest is inserted.</summary>
    public long MaxPendingBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// The newest event record version this loader reads; by default its own build's. A partition reaching a
    /// newer record stops there until a loader that reads it takes over. Lower it only to rehearse a rolling
    /// upgrade: the loader then behaves as one of that older version would.
    /// </summary>
    public byte NewestRecordVersion { get; set; } = EventSchema.CurrentVersion;

    /// <summary>
    /// How long the loader may hold rows without loading any before it counts as stalled: /readyz fails with
    /// the reason and the metric tracking.loader.stalled turns 1.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(2);
}
