using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>Validates the funnel's query string into a <see cref="FunnelQuery"/>.</summary>
public static class FunnelRequest
{
    public static readonly ReportParameter[] Parameters =
    [
        new("step", $"A step, {FunnelQuery.MinSteps} to {FunnelQuery.MaxSteps} of them in order: page:PATH (* matches any run of characters) or event:NAME, optionally with property filters {{key=value,key2=value2}}.", Repeatable: true),
        new("keyPath", "Instead of step: the steps of this key path (the SDK's Step events) in step_index order."),
        new("from", "Start of the range, ISO 8601 (default: 7 days before to). A unit enters at a step-1 event in [from, to)."),
        new("to", "End of the range, ISO 8601, exclusive (default: now). At most 366 days after from. Later steps may fall after it."),
        new("window", "How long after the entering event the last step may come: seconds, or a number with s, m, h or d (default 14d, at most 366d)."),
        new("unit", $"Who is counted: {FunnelNames.All<FunnelUnit>()} (default visitors)."),
        new("order", $"{FunnelNames.All<FunnelOrder>()} (default sequential): whether other events may come between the steps."),
        new("breakdown", $"Break the funnel down by {FunnelNames.All<FunnelBreakdown>()} of the entering event's session or account."),
        new("sort", $"Order of the breakdown values: {FunnelNames.All<FunnelSort>()} (default entered: step 1's count; converted: the last step's; both most first, value A to Z)."),
        new("limit", $"How many breakdown values are listed, 1 to {FunnelQuery.MaxLimit} (default {FunnelQuery.DefaultLimit}); the rest are summed as (other)."),
    ];

    public static (FunnelQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (steps, keyPath, stepError) = ParseSteps(query);
        if (stepError is not null)
        {
            return (null, stepError);
        }

        var window = FunnelWindow.Parse(query["window"]);
        if (window is null)
        {
            return (null, $"window: must be a whole number of seconds, or a number with s, m, h or d (such as 90m or 14d), at most {FunnelWindow.Max.TotalDays:0}d");
        }

        var unit = Choice<FunnelUnit>(query["unit"], FunnelUnit.Visitors);
        if (unit is null)
        {
            return (null, $"unit: must be one of {FunnelNames.All<FunnelUnit>()}");
        }

        var order = Choice<FunnelOrder>(query["order"], FunnelOrder.Sequential);
        if (order is null)
        {
            return (null, $"order: must be one of {FunnelNames.All<FunnelOrder>()}");
        }

        var breakdownText = query["breakdown"];
        var breakdown = breakdownText.Length == 0 ? null : FunnelNames.Parse<FunnelBreakdown>(breakdownText);
        if (breakdownText.Length > 0 && breakdown is null)
        {
            return (null, $"breakdown: must be one of {FunnelNames.All<FunnelBreakdown>()}");
        }

        var sort = Choice<FunnelSort>(query["sort"], FunnelSort.Entered);
        if (sort is null)
        {
            return (null, $"sort: must be one of {FunnelNames.All<FunnelSort>()}");
        }

        var limitText = query["limit"];
        var limit = FunnelQuery.DefaultLimit;
        if (limitText.Length > 0 &&
            (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > FunnelQuery.MaxLimit))
        {
            return (null, $"limit: must be a whole number from 1 to {FunnelQuery.MaxLimit}");
        }

        var (range, rangeError) = ReportRange.Parse(query, now);
        return range is null
            ? (null, rangeError)
            : (new FunnelQuery(steps, keyPath, range.Value, window.Value, unit.Value, order.Value, breakdown, sort.Value, limit), null);
    }

    private static (IReadOnlyList<FunnelStep> Steps, string? KeyPath, string? Error) ParseSteps(ReportQueryString query)
    {
        var texts = query.Values("step");
        var keyPath = query["keyPath"];
        if (keyPath.Length > 0)
        {
            return texts.Count > 0
                ? ([], null, "keyPath: give either keyPath or steps, not both")
                : keyPath.Length > FunnelStep.MaxLength ? ([], null, $"keyPath: at most {FunnelStep.MaxLength} characters") : ([], keyPath, null);
        }

        if (texts.Count is < FunnelQuery.MinSteps or > FunnelQuery.MaxSteps)
        {
            return ([], null, $"step: give {FunnelQuery.MinSteps} to {FunnelQuery.MaxSteps} steps (got {texts.Count}), or a keyPath");
        }

        var steps = new List<FunnelStep>();
        foreach (var text in texts)
        {
            var (step, error) = FunnelStep.Parse(text);
            if (step is null)
            {
                return ([], null, error);
            }

            steps.Add(step);
        }

        return (steps, null, null);
    }

    private static T? Choice<T>(string text, T fallback)
        where T : struct, Enum => text.Length == 0 ? fallback : FunnelNames.Parse<T>(text);
}
