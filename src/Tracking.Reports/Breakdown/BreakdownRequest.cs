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

        var by = BreakdownDimension.All.FirstOrDefault(d => d.Name == query["by"]);
        if (by is null)
        {
            return (null, $"by: must be one of {string.Join(", ", BreakdownDimension.All.Select(d => d.Name))}");
        }

        var sortText = query["sort"];
        var sort = sortText.Length == 0 ? BreakdownSort.Sessions : BreakdownSort.All.FirstOrDefault(s => s.Name == sortText);
        if (sort is null)
        {
            return (null, $"sort: must be one of {string.Join(", ", BreakdownSort.All.Select(s => s.Name))}");
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
