namespace Tracking.Reports.Shared;

/// <summary>Parses what every session report takes: the range, includeBots and the filters.</summary>
public static class SessionQueryRequest
{
    /// <param name="pageParameter">The name of the landing-page filter (see <see cref="SessionFilters.Parse"/>).</param>
    public static (SessionQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now, string pageParameter = "page")
    {
        var (range, error) = ReportRange.Parse(query, now);
        if (range is null)
        {
            return (null, error);
        }

        var bots = query["includeBots"];
        if (bots.Length > 0 && bots is not ("true" or "false"))
        {
            return (null, "includeBots: must be true or false");
        }

        var (filters, filterError) = SessionFilters.Parse(query, pageParameter);
        return filters is null ? (null, filterError) : (new SessionQuery(range.Value, filters, bots == "true"), null);
    }
}
