namespace Tracking.ClickHouse;

/// <summary>Configuration section "ClickHouse".</summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    /// <summary>
    /// ClickHouse.Driver connection string of an external server or cluster, e.g.
    /// "Host=ch1.internal;Port=8443;Protocol=https;Username=tracking;Password=...". Empty: the embedded engine.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Database holding the events table; created when missing.</summary>
    public string Database { get; set; } = "tracking";
}
