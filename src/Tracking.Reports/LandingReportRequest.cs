using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tracking.Reports;

/// <summary>Validates the landing report's query string into a <see cref="LandingReportQuery"/>.</summary>
public static class LandingReportRequest
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>
    /// The times ClickHouse's DateTime64 holds (1900-01-01 to 2299-12-31), less the day a report reads around its range.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) + LandingReportQuery.SessionReach;

    public static readonly DateTimeOffset Latest = new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero) - LandingReportQuery.SessionReach;

    /// <summary>Returns the query, or an error message naming the parameter.</summary>
    public static (LandingReportQuery? Query, string? Error) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var groupBy = ParseGrouping(query["groupBy"].ToString());
        if (groupBy is null)
        {
            return (null, "groupBy: must be keyword, page or keyword,page");
        }

        if (!TryParseTime(query["to"].ToString(), "to", now, out var to, out var error) ||
            !TryParseTime(query["from"].ToString(), "from", to - DefaultRange, out var from, out error))
        {
            return (null, error);
        }

        if (from >= to)
        {
            return (null, "from: must be earlier than to");
        }

        if (to - from > MaxRange)
        {
            return (null, $"from: the range may span at most {MaxRange.TotalDays} days");
        }

        var bots = query["includeBots"].ToString();
        if (bots.Length > 0 && bots is not ("true" or "false"))
        {
            return (null, "includeBots: must be true or false");
        }

        return (new LandingReportQuery(groupBy.Value, from, to, bots == "true"), null);
    }

    public static LandingGrouping? ParseGrouping(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            return value.Length == 0 ? LandingGrouping.KeywordAndPage : null;
        }

        LandingGrouping result = 0;
        foreach (var part in parts)
        {
            LandingGrouping? one = part switch
            {
                "keyword" => LandingGrouping.Keyword,
                "page" => LandingGrouping.Page,
                _ => null,
            };
            if (one is null || result.HasFlag(one.Value))
            {
                return null;
            }

            result |= one.Value;
        }

        return result;
    }

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
