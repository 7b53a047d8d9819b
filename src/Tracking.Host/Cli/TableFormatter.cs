using System.Globalization;
using System.Text;
using Tracking.Reports.Landing;

namespace Tracking.Host.Cli;

/// <summary>Renders landing report rows as an aligned text table.</summary>
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

        var widths = Enumerable.Range(0, header.Count).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin("  ", line.Select((cell, c) => c < line.Length - 7 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }

        if (rows.Count == 0)
        {
            text.Append("(no sessions in this range)\n");
        }

        return text.ToString();
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
