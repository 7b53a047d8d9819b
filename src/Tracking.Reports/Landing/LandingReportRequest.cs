using Tracking.Reports.Shared;

namespace Tracking.Reports.Landing;

/// <summary>Validates the landing report's query string into a <see cref="LandingReportQuery"/>.</summary>
public static class LandingReportRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("groupBy", "keyword, page or keyword,page (default keyword,page)."),
        .. ReportParameter.Sessions,
    ];

    /// <summary>Returns the query, or an error message naming the parameter.</summary>
    public static (LandingReportQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var groupBy = ParseGrouping(query["groupBy"]);
        if (groupBy is null)
        {
            return (null, "groupBy: must be keyword, page or keyword,page");
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now);
        return sessions is null ? (null, error) : (new LandingReportQuery(groupBy.Value, sessions), null);
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
}
