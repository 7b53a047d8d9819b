namespace Tracking.Host;

/// <summary>Which parts of the pipeline this process runs (configuration key Tracking:Role).</summary>
public enum HostRole
{
    /// <summary>Single node: collector, loader, reports and dashboard in one process.</summary>
    All,

    /// <summary>HTTP ingestion only, appending to Kafka.</summary>
    Collector,

    /// <summary>Kafka → ClickHouse loading, plus the reports and dashboard over that ClickHouse.</summary>
    Loader,
}

/// <summary>Which event log carries events from collector to loader (configuration key EventLog:Kind).</summary>
public enum EventLogKind
{
    Embedded,
    Kafka,
}
