using System.Diagnostics.Metrics;

namespace Tracking.ClickHouse.Embedded;

/// <summary>
/// OpenTelemetry instruments of the embedded ClickHouse (meter "Tracking.ClickHouse.Embedded"): refused
/// SQL requests and the time statements wait for the single chDB connection. A static meter, because the
/// server starts before, and outside, the owning host's dependency injection.
/// </summary>
public static class EmbeddedClickHouseMetrics
{
    public const string Name = "Tracking.ClickHouse.Embedded";

    private static readonly Meter Meter = new(Name);

    internal static Counter<long> Refused { get; } = Meter.CreateCounter<long>(
        "tracking.sql.requests.refused", "{request}", "SQL requests refused before running, by reason: web pages, credentials, read-only rules, refused calls, malformed statements");

    internal static Histogram<double> QueueWait { get; } = Meter.CreateHistogram<double>(
        "tracking.sql.queue.wait", "s", "Time a statement waited for the chDB connection, by priority (internal, analyst)");
}
