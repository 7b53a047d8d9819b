using System.Globalization;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

/// <summary>Validates the paths report's query string into a <see cref="PathsQuery"/>.</summary>
public static class PathsRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("start", "The page (path) the paths start from, at each session's first view of it (default: each session's landing page)."),
        new("depth", $"How many links deep, 1 to {PathsQuery.MaxDepth} (default {PathsQuery.DefaultDepth})."),
        .. ReportParameter.Sessions,
    ];

    public static (PathsQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (start, startError) = PageParameter.Parse(query, "start", required: false);
        if (start is null)
        {
            return (null, startError);
        }

        var depthText = query["depth"];
        var depth = PathsQuery.DefaultDepth;
        if (depthText.Length > 0 &&
            (!int.TryParse(depthText, NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth is < 1 or > PathsQuery.MaxDepth))
        {
            return (null, $"depth: must be a whole number from 1 to {PathsQuery.MaxDepth}");
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now);
        return sessions is null ? (null, error) : (new PathsQuery(start, depth, sessions), null);
    }
}
