using Tracking.Reports.Shared;

namespace Tracking.Reports.Exits;

/// <summary>Validates the exits report's query string into an <see cref="ExitsQuery"/>.</summary>
public static class ExitsRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("sort", $"{string.Join(", ", ExitsSort.All.Select(s => s.Name))} (default exits; figures largest first, page A to Z)."),
        ReportParameter.Limit,
        .. ReportParameter.Sessions,
    ];

    public static (ExitsQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (sort, sortError) = ReportChoice.Parse(query, "sort", ExitsSort.All, s => s.Name, ExitsSort.Exits);
        if (sort is null)
        {
            return (null, sortError);
        }

        var (limit, limitError) = ReportLimit.Parse(query);
        if (limitError is not null)
        {
            return (null, limitError);
        }

        var (sessions, error) = SessionQueryRequest.Parse(query, now);
        return sessions is null ? (null, error) : (new ExitsQuery(sort, limit, sessions), null);
    }
}
