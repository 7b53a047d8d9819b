using System.Globalization;
using Tracking.Reports.Accounts;

namespace Tracking.Host.Cli;

/// <summary>Renders the accounts report as an aligned text table, the reasons last.</summary>
internal static class AccountsTable
{
    private static readonly string[] Header = ["account", "name", "segment", "risk", "active users", "recent events", "baseline events", "reasons"];

    public static string Format(AccountsResponse report)
    {
        var lines = new List<string[]> { Header };
        lines.AddRange(report.Rows.Select(r => new[]
        {
            r.Account,
            r.Name,
            r.Segment,
            r.ChurnRisk,
            r.ActiveUsers.ToString(CultureInfo.InvariantCulture),
            r.RecentEvents.ToString(CultureInfo.InvariantCulture),
            r.BaselineEvents.ToString(CultureInfo.InvariantCulture),
            string.Join("; ", r.Reasons),
        }));

        // Text columns left, counts right, the reasons (last) left again: padding them would only add trailing blanks.
        var table = TableFormatter.Render(lines.Select(l => l[..^1]).ToList(), 4).Split('\n');
        var text = string.Concat(lines.Select((l, i) => $"{table[i]}  {l[^1]}\n"));
        return text + string.Create(CultureInfo.InvariantCulture, $"{report.Rows.Count} of {report.Total} accounts at {report.To:yyyy-MM-dd HH:mm:ss}Z\n");
    }
}
