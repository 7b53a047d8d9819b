using System.Globalization;

namespace Tracking.Reports.Shared;

/// <summary>How many rows a report returns (`limit`): bounded, so no answer outgrows a page or a client.</summary>
public static class ReportLimit
{
    public const int Default = 100;
    public const int Max = 10_000;

    /// <summary>How many targets a node lists (exit hosts of a page, next pages of a path) before (other).</summary>
    public const int Targets = 20;

    /// <summary>The row that sums what lies past a limit.</summary>
    public const string Other = "(other)";

    /// <summary>The query string's `limit`, else <see cref="Default"/>; an error names the parameter.</summary>
    public static (int Limit, string? Error) Parse(ReportQueryString query)
    {
        var text = query["limit"];
        if (text.Length == 0)
        {
            return (Default, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= Max
            ? (limit, null)
            : (0, $"limit: must be a whole number from 1 to {Max}");
    }

    /// <summary>
    /// The <see cref="Targets"/> largest of <paramref name="counts"/> (ties by name), the rest summed as one
    /// (other) entry at the end.
    /// </summary>
    public static List<(string Name, long Count)> TopTargets(IEnumerable<(string Name, long Count)> counts)
    {
        var sorted = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (sorted.Count <= Targets)
        {
            return sorted;
        }

        return [.. sorted.Take(Targets), (Other, sorted.Skip(Targets).Sum(c => c.Count))];
    }
}
