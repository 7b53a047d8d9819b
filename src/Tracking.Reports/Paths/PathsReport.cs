using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

/// <summary>
/// Paths from a page as docs/definitions.md defines them. ClickHouse builds each session's path from its page
/// views (<see cref="SessionFlowsSql"/>; in time order, consecutive repeats collapsed, from its first view of the start page, depth + 1 elements) and
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
    // start every path begins at the session's landing page. The views are distinct strings; a copy of a page
    // view at another time (a resend) has the same message hash and is not a view of its own.
    private static string Sql(string database, SessionQuery sessions) =>
        $$"""
        SELECT arraySlice(pages, start_at, {depth:UInt8} + 1) AS path, count() AS sessions
        FROM
        (
            SELECT arraySort(views) AS sorted,
                arrayMap(v -> {{SessionFlowsSql.MessageHash("v")}}, sorted) AS ids,
                arrayMap(v -> {{SessionFlowsSql.Text("v")}}, arrayFilter((v, i) -> indexOf(ids, ids[i]) = i, sorted, arrayEnumerate(sorted))) AS paths,
                arrayFilter((p, i) -> i = 1 OR p != paths[i - 1], paths, arrayEnumerate(paths)) AS pages,
                if({start:String} = '', 1, indexOf(pages, {start:String})) AS start_at
            FROM ({{SessionFlowsSql.Build(database, sessions)}})
        )
        WHERE start_at > 0
        GROUP BY path
        """;
}
