using System.Globalization;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>What the step pickers ask for: the pages, events and key paths seen in a range, the most frequent first.</summary>
public sealed record FunnelStepsQuery(ReportRange Range, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;
}

/// <summary>Validates the step choices' query string into a <see cref="FunnelStepsQuery"/>.</summary>
public static class FunnelStepsRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("from", "Start of the range, ISO 8601 (default: 7 days before to)."),
        new("to", "End of the range, ISO 8601, exclusive (default: now). At most 366 days after from."),
        new("limit", $"How many pages and how many events, 1 to {FunnelStepsQuery.MaxLimit} (default {FunnelStepsQuery.DefaultLimit})."),
    ];

    public static (FunnelStepsQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var limitText = query["limit"];
        var limit = FunnelStepsQuery.DefaultLimit;
        if (limitText.Length > 0 &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > FunnelStepsQuery.MaxLimit))
        {
            return (null, $"limit: must be a whole number from 1 to {FunnelStepsQuery.MaxLimit}");
        }

        var (range, error) = ReportRange.Parse(query, now);
        return range is null ? (null, error) : (new FunnelStepsQuery(range.Value, limit), null);
    }
}
