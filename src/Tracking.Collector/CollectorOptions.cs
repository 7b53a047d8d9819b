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

    /// <summary>
    /// Freshness bound when the loader runs in the same process: once the event log's unloaded backlog is
    /// more than the loader drains in this many seconds (at its measured rate), requests are answered 503
    /// with Retry-After until it is back under. 0 (default) turns it off: measured on 2026-12-08, the drain rate
    /// this derives from is the inflow at low load, and back to back the push-back held clients in Retry-After
    /// waits until the host accepted nothing (benchmarks/README.md); opt in until the capacity estimate is right.
    /// </summary>
    public double MaxBacklogSeconds { get; set; }

    /// <summary>A fixed bound on the unloaded backlog in events instead of <see cref="MaxBacklogSeconds"/>; 0 (default): derived from the drain rate.</summary>
    public long MaxBacklogEvents { get; set; }

    /// <summary>
    /// The least bound <see cref="MaxBacklogSeconds"/> derives. At low rates the measured drain rate is the
    /// inflow, not the loader's capacity (it loads once per flush interval, so about a second of events always
    /// waits), and a few thousand waiting events are no freshness problem: without a floor a quiet site's
    /// burst would be refused.
    /// </summary>
    public long MinBacklogEvents { get; set; } = 50_000;

    /// <summary>
    /// Oldest event accepted: an event whose time (after clock-skew correction) lies more days than this before
    /// the collector received it is refused. A year and a day, so a full year back stays loadable (imports, replays).
    /// </summary>
    public int MaxEventAgeDays { get; set; } = 366;

    /// <summary>Request rate limits; all off by default (a single node often has one client: a proxy, or a load test).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>Token buckets of requests per second; 0 turns a limit off. A burst of 0 means one second's worth.</summary>
public sealed class RateLimitOptions
{
    public int PerClientIpRequestsPerSecond { get; set; }

    public int PerClientIpBurst { get; set; }

    public int PerWriteKeyRequestsPerSecond { get; set; }

    public int PerWriteKeyBurst { get; set; }
}
