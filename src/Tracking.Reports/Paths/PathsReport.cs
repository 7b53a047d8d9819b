using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

/// <summary>
/// Paths from a page as docs/definitions.md defines them. ClickHouse builds each session's path (page views in
/// time order, consecutive repeats collapsed, from its first view of the start page, depth + 1 elements) and
/// counts the sessions per distinct path; <see cref="PathFlow"/> turns those into links.
/// </summary>
public sealed class PathsReport(ClickHouseStore store)
{
    public async Task<PathsResponse> RunAsync(string project, PathsQuery query, CancellationToken cancellationToken)
    {
        var parameters = query.Sessions.Parameters(project);
        parameters.Add(SessionQuery.Parameter("start", query.Start));
        parameters.Add(SessionQuery.Parameter("depth", (byte)query.Depth));

        var paths = new List<(string[] Path, long Sessions)>();
        using var reader = await store.Client.ExecuteReaderAsync(Sql(store.Database, query.Sessions), parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            paths.Add(((string[])reader.GetValue(0), reader.Count(1)));
        }

        return new PathsResponse(query.Start.Length == 0 ? null : query.Start, paths.Sum(p => p.Sessions), PathFlow.Links(paths, query.Depth));
    }

    // Time order is (time, message id hash), the order the session model's first page view uses, so without a
    // start every path begins at the session's landing page.
    private static string Sql(string database, SessionQuery sessions) =>
        $$"""
        SELECT arraySlice(pages, start_at, {depth:UInt8} + 1) AS path, count() AS sessions
        FROM
        (
            SELECT arraySort(groupArray((timestamp, cityHash64(message_id), page_path))) AS sorted,
                arrayMap(v -> v.2, sorted) AS ids,
                -- Each message once: a copy of a page view (a resend) is not a view of its own.
                arrayMap(v -> v.3, arrayFilter((v, i) -> indexOf(ids, v.2) = i, sorted, arrayEnumerate(sorted))) AS views,
                arrayFilter((p, i) -> i = 1 OR p != views[i - 1], views, arrayEnumerate(views)) AS pages,
                if({start:String} = '', 1, indexOf(pages, {start:String})) AS start_at
            FROM ({{sessions.Events(database, "timestamp, type, page_path", "type = 'page'")}})
            GROUP BY session_key
        )
        WHERE start_at > 0
        GROUP BY path
        """;
}
