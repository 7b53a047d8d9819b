using System.Data;
using System.Globalization;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Exits;

/// <summary>
/// Exit pages and exit targets as docs/definitions.md defines them. One query over the sessions' page views and
/// last interactions (<see cref="SessionFlowsSql"/>): a row per session and page it viewed, grouped by page and
/// target once; the figures per page and per target are sums of those groups. A copy of a message changes
/// neither a set of pages nor which event is last.
/// </summary>
public sealed class ExitsReport(ClickHouseStore store)
{
    public async Task<ExitsResponse> RunAsync(string project, ExitsQuery query, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<string, (long Sessions, long Exits)>();
        var pageTargets = new Dictionary<string, List<(string Name, long Count)>>();
        var targets = new Dictionary<string, long>();
        using var reader = await store.Client.ExecuteReaderAsync(Sql(store.Database, query.Sessions), query.Sessions.Parameters(project), null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (page, target, sessions, exits) = (reader.GetString(0), reader.GetString(1), reader.Count(2), reader.Count(3));
            var (pageSessions, pageExits) = pages.GetValueOrDefault(page);
            pages[page] = (pageSessions + sessions, pageExits + exits);
            if (target.Length > 0)
            {
                (pageTargets.TryGetValue(page, out var list) ? list : pageTargets[page] = []).Add((target, sessions));
                targets[target] = targets.GetValueOrDefault(target) + sessions;
            }
        }

        var rows = pages.Select(p => new ExitRow(
            p.Key,
            p.Value.Sessions,
            p.Value.Exits,
            (double)p.Value.Exits / p.Value.Sessions,
            pageTargets.TryGetValue(p.Key, out var list) ? Targets(list) : []));
        return new ExitsResponse(pages.Count, [.. query.Sort.Order(rows).Take(query.Limit)], Targets(targets.Select(t => (t.Key, t.Value))));
    }

    private static List<ExitTarget> Targets(IEnumerable<(string Name, long Count)> counts) =>
        [.. ReportLimit.TopTargets(counts).Select(t => new ExitTarget(t.Name, t.Count))];

    // Columns: page, target, sessions, exits. A session is one row per page it viewed; only the row of its exit
    // page carries its exit target, so a session is counted once per page and at most once per target, and the
    // per-page and per-target figures are sums over the groups (one hash pass instead of three grouping sets).
    // Last means the greatest time-order string: latest by (time, message id hash), the order the session
    // model's first page view uses.
    private static string Sql(string database, SessionQuery sessions) =>
        $$"""
        SELECT page, target, count() AS sessions, countIf(is_exit) AS exits
        FROM
        (
            SELECT arrayJoin(arrayDistinct(arrayMap(v -> {{SessionFlowsSql.Text("v")}}, views))) AS page,
                page = {{SessionFlowsSql.Text("arrayMax(views)")}} AS is_exit,
                if(is_exit, {{SessionFlowsSql.Text("last_interaction")}}, '') AS target
            FROM ({{SessionFlowsSql.Build(database, sessions)}})
        )
        GROUP BY page, target
        """;
}
