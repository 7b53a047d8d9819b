using System.Globalization;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Breakdown;

/// <summary>
/// The landing report's figures per value of one dimension (keyword, landing page, source, device, search
/// engine), top values first, with the figures of all sessions together and how many values there are.
/// </summary>
public sealed class BreakdownReport(ClickHouseStore store)
{
    public async Task<BreakdownResponse> RunAsync(string project, BreakdownQuery query, CancellationToken cancellationToken)
    {
        var sessions = query.Sessions.FromWhere(store.Database, query.By.NeedsSource);
        var sql = query.Other ? WithOther(query, sessions) : Top(query, sessions);
        var parameters = query.Sessions.Parameters(project);
        parameters.Add(SessionQuery.Parameter("limit", query.Limit));

        var rows = new List<BreakdownRow>();
        BreakdownRow? all = null;
        long total = 0;
        using var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var figures = SessionFigures.Read(reader, 1);
            if (Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture) == 1)
            {
                all = BreakdownRow.Of("(all)", figures);
                total = Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture);
            }
            else
            {
                rows.Add(BreakdownRow.Of(reader.GetString(0), figures));
            }
        }

        return new BreakdownResponse(query.By.Name, total, all ?? BreakdownRow.Of("(all)", SessionFigures.Zero), rows);
    }

    // Columns: value, the figures, is_all (the row of all sessions), distinct values (on that row). The sessions
    // are aggregated once, per value; the row of all sessions merges the values' states.
    private static string Top(BreakdownQuery query, string sessions) =>
        $$"""
        SELECT value, {{SessionFigures.Merged}}, {{IsAll("value")}} AS is_all, count() AS distinct_values
        FROM
        (
            SELECT {{query.By.Column}} AS value, {{SessionFigures.States}}
            {{sessions}}
            GROUP BY value
        )
        GROUP BY GROUPING SETS ((value), ())
        ORDER BY is_all DESC, {{query.Sort.OrderBy}}, value
        LIMIT {limit:UInt32} + 1
        """;

    // Each session carries its value's rank, so the values past the limit are summed as sessions (exact
    // visitors and median of the rest), not as rows.
    private static string WithOther(BreakdownQuery query, string sessions) =>
        $$"""
        SELECT if(rank <= {limit:UInt32}, value, '{{BreakdownQuery.OtherValue}}') AS shown, {{SessionFigures.Sql}}, {{IsAll("shown")}} AS is_all, uniqExact(value) AS distinct_values
        FROM
        (
            SELECT *, dense_rank() OVER (ORDER BY sort_key{{(query.Sort.Descending ? " DESC" : string.Empty)}}, value) AS rank
            FROM
            (
                SELECT *, {{query.By.Column}} AS value, {{query.Sort.Sql(" OVER (PARTITION BY value)")}} AS sort_key
                {{sessions}}
            )
        )
        GROUP BY GROUPING SETS ((shown), ())
        ORDER BY is_all DESC, min(rank)
        """;

    // The row of all sessions is the grouping set without the value (grouping() = 1 in standard SQL).
    private static string IsAll(string column) => $"toUInt8(grouping({column}))";
}
