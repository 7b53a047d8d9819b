using System.Globalization;
using System.Text;
using Tracking.Reports.Landing;

namespace Tracking.Host.Cli;

/// <summary>Renders report rows as aligned text tables.</summary>
internal static class TableFormatter
{
    public static string Format(IReadOnlyList<LandingReportRow> rows)
    {
        var withKeyword = rows.Any(r => r.Keyword is not null);
        var withPage = rows.Any(r => r.Page is not null);
        var header = new List<string>();
        if (withKeyword || rows.Count == 0)
        {
            header.Add("keyword");
        }

        if (withPage)
        {
            header.Add("page");
        }

        header.AddRange(["sessions", "visitors", "bounces", "bounce rate", "leads", "lead rate", "median duration (s)"]);
        var lines = new List<string[]> { header.ToArray() };
        foreach (var row in rows)
        {
            var cells = new List<string>();
            if (withKeyword)
            {
                cells.Add(row.Keyword ?? string.Empty);
            }

            if (withPage)
            {
                cells.Add(row.Page ?? string.Empty);
            }

            cells.AddRange([
                row.Sessions.ToString(CultureInfo.InvariantCulture),
                row.Visitors.ToString(CultureInfo.InvariantCulture),
                row.Bounces.ToString(CultureInfo.InvariantCulture),
                Percent(row.BounceRate),
                row.Leads.ToString(CultureInfo.InvariantCulture),
                Percent(row.LeadRate),
                row.MedianDurationSeconds.ToString("0.#", CultureInfo.InvariantCulture),
            ]);
            lines.Add(cells.ToArray());
        }

        return Render(lines, header.Count - 7) + (rows.Count == 0 ? "(no sessions in this range)\n" : string.Empty);
    }

    /// <summary>Lines of cells as aligned columns: the first <paramref name="leftAligned"/> padded right (text), the rest left (numbers).</summary>
    public static string Render(IReadOnlyList<string[]> lines, int leftAligned)
    {
        var widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin("  ", line.Select((cell, c) => c < leftAligned ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }

        return text.ToString();
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
