using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;

namespace Tracking.Reports;

/// <summary>
/// Sessions, visitors, bounces, leads and median duration per keyword and/or landing page, exactly as
/// docs/definitions.md defines them. Every value reaches ClickHouse as a query parameter, never as SQL text.
/// </summary>
public sealed class LandingReport(ClickHouseStore store)
{
    public async Task<IReadOnlyList<LandingReportRow>> RunAsync(string project, LandingReportQuery query, CancellationToken cancellationToken)
    {
        var byKeyword = query.GroupBy.HasFlag(LandingGrouping.Keyword);
        var byPage = query.GroupBy.HasFlag(LandingGrouping.Page);
        var keys = string.Join(", ", new[] { byKeyword ? "keyword" : null, byPage ? "landing_page" : null }.OfType<string>());
        var sql =
            $"""
            SELECT
                {(byKeyword ? "keyword" : "''")} AS keyword,
                {(byPage ? "landing_page" : "''")} AS page,
                count() AS sessions,
                uniqExact(visitor) AS visitors,
                countIf(bounced) AS bounces,
                countIf(converted) AS lead_sessions,
                quantileExactInclusive(0.5)(duration_ms / 1000.0) AS median_duration
            FROM ({SessionsSql.Build(store.Database)})
            WHERE landed
            GROUP BY {keys}
            ORDER BY sessions DESC, {keys}
            """;

        var parameters = new ClickHouseParameterCollection
        {
            Parameter("project", project),
            Parameter("from", query.From.UtcDateTime),
            Parameter("to", query.To.UtcDateTime),
            Parameter("reachFrom", (query.From - LandingReportQuery.SessionReach).UtcDateTime),
            Parameter("reachTo", (query.To + LandingReportQuery.SessionReach).UtcDateTime),
            Parameter("includeBots", query.IncludeBots ? (byte)1 : (byte)0),
        };

        var rows = new List<LandingReportRow>();
        using var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sessions = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var bounces = Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
            var leads = Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new LandingReportRow(
                byKeyword ? reader.GetString(0) : null,
                byPage ? reader.GetString(1) : null,
                sessions,
                Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                bounces,
                (double)bounces / sessions,
                leads,
                (double)leads / sessions,
                Convert.ToDouble(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static ClickHouseDbParameter Parameter(string name, object value) => new() { ParameterName = name, Value = value };
}
