using System.Globalization;

namespace Tracking.Reports.Shared;

/// <summary>How many rows a report that returns rows answers with (docs/definitions.md, Bounded answers).</summary>
public static class ReportLimit
{
    public const int Default = 100;
    public const int Max = 10_000;

    public static readonly ReportParameter Parameter = new("limit", $"How many rows, 1 to {Max} (default {Default}); total says how many there are in all.");

    public static (int? Limit, string? Error) Parse(ReportQueryString query)
    {
        var text = query["limit"];
        if (text.Length == 0)
        {
            return (Default, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= Max
            ? (limit, null)
            : (null, $"limit: must be a whole number from 1 to {Max}");
    }
}
