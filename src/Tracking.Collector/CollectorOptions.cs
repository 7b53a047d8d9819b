namespace Tracking.Collector;

/// <summary>Request limits (configuration section "Collector"). Defaults match Segment's HTTP API.</summary>
public sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>Largest accepted request body after gzip decompression.</summary>
    public int MaxBodyBytes { get; set; } = 500 * 1024;

    /// <summary>Largest accepted single event (its JSON text).</summary>
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>Most events in one batch.</summary>
    public int MaxBatchEvents { get; set; } = 500;

    /// <summary>Seconds a client is told to wait (Retry-After) when the event log cannot take events.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
