using System.Data;
using System.Globalization;
using Tracking.ClickHouse;
using Tracking.Events;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Exits;

/// <summary>
/// Exit pages and exit targets as docs/definitions.md defines them. One query: a row per session (the pages it
/// viewed, its exit page, its exit target), then grouping sets per page, per page and target, and per target.
/// A copy of a message changes neither a set of pages nor which event is last.
/// </summary>
public sealed class ExitsReport(ClickHouseStore store)
{
    public async Task<ExitsResponse> RunAsync(string project, ExitsQuery query, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<string, (long Sessions, long Exits)>();
        var pageTargets = new Dictionary<string, List<(string Name, long Count)>>();
        var targets = new List<(string Name, long Count)>();
        using var reader = await store.Client.ExecuteReaderAsync(Sql(store.Database, query.Sessions), query.Sessions.Parameters(project), null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (page, target, sessions) = (reader.GetString(0), reader.GetString(1), reader.Count(4));
            var (byPage, byTarget) = (reader.Count(2) == 0, reader.Count(3) == 0);
            if (byPage && !byTarget)
            {
                pages[page] = (sessions, reader.Count(5));
            }
            else if (target.Length > 0)
            {
                (byPage ? (pageTargets.TryGetValue(page, out var list) ? list : pageTargets[page] = []) : targets).Add((target, sessions));
            }
        }

        var rows = pages.Select(p => new ExitRow(
            p.Key,
            p.Value.Sessions,
            p.Value.Exits,
            (double)p.Value.Exits / p.Value.Sessions,
            pageTargets.TryGetValue(p.Key, out var list) ? Targets(list) : []));
        return new ExitsResponse(pages.Count, [.. query.Sort.Order(rows).Take(query.Limit)], Targets(targets));
    }

    private static List<ExitTarget> Targets(IEnumerable<(string Name, long Count)> counts) =>
        [.. ReportLimit.TopTargets(counts).Select(t => new ExitTarget(t.Name, t.Count))];

    // Columns: page, target, not_page, not_target, sessions, exits. A session is one row per page it viewed;
    // only the row of its exit page carries its exit target, so the target sets count each session once.
    // Last means latest by (time, message id hash), the order the session model's first page view uses.
    private static string Sql(string database, SessionQuery sessions) =>
        $$"""
        SELECT page, target, toUInt8(grouping(page)) AS not_page, toUInt8(grouping(target)) AS not_target,
            count() AS sessions, countIf(is_exit) AS exits
        FROM
        (
            SELECT arrayJoin(pages) AS page, page = exit_page AS is_exit, if(is_exit, exit_target, '') AS target
            FROM
            (
                SELECT session_key,
                    -- Distinct afterwards: a hash set per session (groupUniqArray) costs more than an array.
                    arrayDistinct(groupArrayIf(page_path, type = 'page')) AS pages,
                    argMaxIf(page_path, (timestamp, cityHash64(message_id)), type = 'page') AS exit_page,
                    argMaxIf(if(event = '{{EventNames.Outbound}}', JSONExtractString(properties, 'host'), ''), (timestamp, cityHash64(message_id)), type = 'track') AS exit_target
                FROM ({{sessions.Events(database, "timestamp, type, event, page_path, properties", Condition)}})
                GROUP BY session_key
            )
        )
        GROUP BY GROUPING SETS ((page), (page, target), (target))
        """;

    // Page views and interactions: the last interaction is the last track event other than system events.
    private static readonly string Condition =
        $"type = 'page' OR (type = 'track' AND event NOT IN ({string.Join(", ", EventNames.System.Select(e => $"'{e}'"))}))";
}
