using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Landing;

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
                {SessionFigures.Sql}
            {query.Sessions.FromWhere(store.Database)}
            GROUP BY {keys}
            ORDER BY sessions DESC, {keys}
            """;

        var rows = new List<LandingReportRow>();
        using var reader = await store.Client.ExecuteReaderAsync(sql, query.Sessions.Parameters(project), null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var figures = SessionFigures.Read(reader, 2);
            rows.Add(new LandingReportRow(
                byKeyword ? reader.GetString(0) : null,
                byPage ? reader.GetString(1) : null,
                figures.Sessions,
                figures.Visitors,
                figures.Bounces,
                figures.BounceRate,
                figures.Leads,
                figures.LeadRate,
                figures.MedianDurationSeconds));
        }

        return rows;
    }
}
