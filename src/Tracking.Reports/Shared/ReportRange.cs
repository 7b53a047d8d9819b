using System.Globalization;

namespace Tracking.Reports.Shared;

/// <summary>The time range of a report, [From, To): sessions whose first event falls in it.</summary>
public readonly record struct ReportRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    /// <summary>
    /// The times ClickHouse's DateTime64 holds (1900-01-01 to 2299-12-31), less the day a report reads around its range.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) + SessionQuery.SessionReach;

    public static readonly DateTimeOffset Latest = new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero) - SessionQuery.SessionReach;

    /// <summary>from and to as ISO 8601 date-times; to defaults to now, from to 7 days before to.</summary>
    public static (ReportRange? Range, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (!TryParseTime(query["to"], "to", now, out var to, out var error) ||
            !TryParseTime(query["from"], "from", to - DefaultSpan, out var from, out error))
        {
            return (null, error);
        }

        if (from >= to)
        {
            return (null, "from: must be earlier than to");
        }

        if (to - from > MaxSpan)
        {
            return (null, $"from: the range may span at most {MaxSpan.TotalDays} days");
        }

        return (new ReportRange(from, to), null);
    }

    /// <summary>One ISO 8601 date-time parameter (<paramref name="fallback"/> when empty), within what the store holds.</summary>
    public static (DateTimeOffset? Time, string? Error) ParseTime(ReportQueryString query, string name, DateTimeOffset fallback) =>
        TryParseTime(query[name], name, fallback, out var time, out var error) ? (time, null) : (null, error);

    private static bool TryParseTime(string text, string name, DateTimeOffset fallback, out DateTimeOffset value, out string? error)
    {
        error = null;
        value = fallback;
        if (text.Length > 0 && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            error = $"{name}: must be an ISO 8601 date-time such as 2024-05-01T00:00:00Z";
            return false;
        }

        if (value < Earliest || value > Latest)
        {
            error = $"{name}: must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}, the dates the store can hold";
            return false;
        }

        return true;
    }
}
