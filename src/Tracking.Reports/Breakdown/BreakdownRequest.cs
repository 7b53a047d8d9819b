using Tracking.Reports.Shared;

namespace Tracking.Reports.Breakdown;

/// <summary>Validates the breakdown's query string into a <see cref="BreakdownQuery"/>.</summary>
public static class BreakdownRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("by", $"What to break down by: {string.Join(", ", BreakdownDimension.All.Select(d => d.Name))}."),
        new("sort", $"{string.Join(", ", BreakdownSort.All.Select(s => s.Name))} (default sessions; metrics largest first, value A to Z)."),
        ReportParameter.Limit,
        new("other", "true to add one (other) row of the sessions of the values past the limit."),
        .. ReportParameter.Sessions,
    ];

    public static (BreakdownQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (by, byError) = ReportChoice.Parse(query, "by", BreakdownDimension.All, d => d.Name, null);
        if (by is null)
        {
            return (null, byError);
        }

        var (sort, sortError) = ReportChoice.Parse(query, "sort", BreakdownSort.All, s => s.Name, BreakdownSort.Sessions);
        if (sort is null)
        {
            return (null, sortError);
        }

        var (limit, limitError) = ReportLimit.Parse(query);
        if (limitError is not null)
        {
            return (null, limitError);
        }

        var other = query["other"];
        if (other.Length > 0 && other is not ("true" or "false"))
        {
            return (null, "other: must be true or false");
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now);
        return sessions is null ? (null, error) : (new BreakdownQuery(by, sort, limit, other == "true", sessions), null);
    }
}
