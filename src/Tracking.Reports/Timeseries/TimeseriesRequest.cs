using Tracking.Reports.Shared;

namespace Tracking.Reports.Timeseries;

/// <summary>Validates the time series' query string into a <see cref="TimeseriesQuery"/>.</summary>
public static class TimeseriesRequest
{
    /// <summary>The metrics a point can carry, by their JSON names.</summary>
    public static readonly string[] AllMetrics = ["sessions", "visitors", "bounces", "bounceRate", "leads", "leadRate", "medianDurationSeconds"];

    public static readonly string[] DefaultMetrics = ["sessions", "visitors", "bounceRate", "leadRate", "leads"];

    public static readonly ReportParameter[] Parameters =
    [
        new("metrics", $"Comma-separated, of {string.Join(", ", AllMetrics)} (default {string.Join(",", DefaultMetrics)})."),
        new("interval", "hour or day (default day)."),
        new("tz", "IANA time zone the buckets follow, such as Asia/Shanghai (default UTC)."),
        .. ReportParameter.Sessions,
    ];

    public static (TimeseriesQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var metricsText = query["metrics"];
        var metrics = metricsText.Length == 0
            ? DefaultMetrics
            : metricsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        var unknownMetric = metrics.Length == 0 ? metricsText : metrics.FirstOrDefault(m => !AllMetrics.Contains(m));
        if (unknownMetric is not null)
        {
            return (null, $"metrics: unknown metric '{unknownMetric}'; choose from {string.Join(", ", AllMetrics)}");
        }

        TimeseriesInterval? interval = query["interval"] switch
        {
            "" or "day" => TimeseriesInterval.Day,
            "hour" => TimeseriesInterval.Hour,
            _ => null,
        };
        if (interval is null)
        {
            return (null, "interval: must be hour or day");
        }

        var zone = ParseZone(query["tz"]);
        if (zone is null)
        {
            return (null, "tz: must be an IANA time zone such as Asia/Shanghai or UTC");
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now);
        return sessions is null ? (null, error) : (new TimeseriesQuery(metrics, interval.Value, zone, sessions), null);
    }

    private static TimeZoneInfo? ParseZone(string id)
    {
        if (id.Length == 0 || id == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        // IANA names only (Area/Location): ClickHouse buckets by the same name, and knows no Windows ids.
        if (!id.Contains('/', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
