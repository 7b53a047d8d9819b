using Tracking.Reports.Shared;

namespace Tracking.Reports.Clicks;

/// <summary>Validates the clicks report's query string into a <see cref="ClicksQuery"/>.</summary>
public static class ClicksRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("page", "The page (path) whose clicks, heatmap and scroll depth to report. Required."),
        ReportParameter.Limit with { Description = $"How many elements, 1 to {ReportLimit.Max} (default {ReportLimit.Default})." },
        .. ReportParameter.SessionsWithLandingPage,
    ];

    public static (ClicksQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (page, pageError) = PageParameter.Parse(query, "page", required: true);
        if (page is null)
        {
            return (null, pageError);
        }

        var (limit, limitError) = ReportLimit.Parse(query);
        if (limitError is not null)
        {
            return (null, limitError);
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now, ReportParameter.LandingPage);
        return sessions is null ? (null, error) : (new ClicksQuery(page, limit, sessions), null);
    }
}
