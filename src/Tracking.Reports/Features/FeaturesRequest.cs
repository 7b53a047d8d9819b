using Tracking.Reports.Shared;

namespace Tracking.Reports.Features;

/// <summary>Validates the features report's query string into a <see cref="FeaturesQuery"/>.</summary>
public static class FeaturesRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("from", "Start of the range, ISO 8601 (default: 7 days before to)."),
        new("to", "End of the range, ISO 8601, exclusive (default: now). At most 366 days after from."),
        new("segment", $"Only the usage of accounts of this segment: {string.Join(", ", Segments.All)}."),
        new("sort", $"{string.Join(", ", FeaturesQuery.Sorts)} (default accounts; figures largest first, name A to Z)."),
        ReportParameter.Limit,
    ];

    public static (FeaturesQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (range, error) = ReportRange.Parse(query, now);
        if (range is null)
        {
            return (null, error);
        }

        var (segment, segmentError) = Segments.Parse(query);
        if (segmentError is not null)
        {
            return (null, segmentError);
        }

        var sort = query["sort"];
        if (sort.Length > 0 && !FeaturesQuery.Sorts.Contains(sort))
        {
            return (null, $"sort: must be one of {string.Join(", ", FeaturesQuery.Sorts)}");
        }

        var (limit, limitError) = ReportLimit.Parse(query);
        return limitError is not null ? (null, limitError) : (new FeaturesQuery(range.Value, segment, sort.Length == 0 ? "accounts" : sort, limit), null);
    }
}
