using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// The sessions a report counts (those of <see cref="SessionQuery.FromWhere"/>) with their page views and last
/// interaction, as <see cref="SessionFlowRollup"/> keeps them: client sessions from <c>session_flows</c>, merged by
/// FINAL; server-side sessions aggregated alike at query time over the events the session model keys
/// (<see cref="SessionsSql.ServerSessionEvents"/>). Which sessions count is decided from the same start and first
/// page view the session model has; a source or device filter, which only the session model can tell, goes
/// through it.
/// </summary>
internal static class SessionFlowsSql
{
    /// <summary>
    /// Columns: session_key, views (each page view's <see cref="SessionFlowRollup.PageView"/>, once per distinct
    /// value), last_interaction (<see cref="SessionFlowRollup.LastInteraction"/>, '' without one).
    /// </summary>
    public static string Build(string database, SessionQuery sessions) =>
        $$"""
        SELECT session_key, views, last_interaction
        FROM
        (
            SELECT session_key, started, first_page, views, last_interaction,
                {{FirstPageSql.LandingPage("first_page")}} AS landing_page, {{FirstPageSql.Keyword("first_page")}} AS keyword
            FROM
            (
                SELECT session_id AS session_key, started, first_page, views, last_interaction
                FROM {{database}}.session_flows FINAL
                WHERE project_id = {project:String}
                  AND _partition_id >= toString(toYYYYMM({reachFrom:DateTime64(3, 'UTC')}))
                  AND _partition_id <= toString(toYYYYMM({reachTo:DateTime64(3, 'UTC')}))
                UNION ALL
                SELECT session_key, {{SessionFlowRollup.Aggregates}}
                FROM ({{SessionsSql.ServerSessionEvents(database, "timestamp, type, event, page_path, properties, is_bot, keyword")}})
                GROUP BY session_key
            )
        )
        WHERE {{Condition(database, sessions)}}
        """;

    /// <summary>A session's text after its time order: the page path of a page view, the host of a last interaction.</summary>
    public static string Text(string value) => $"substring({value}, {SessionFlowRollup.TextStart})";

    /// <summary>The message id hash in a <see cref="SessionFlowRollup.PageView"/> value, which tells copies of a message apart from views of their own.</summary>
    public static string MessageHash(string value) => $"substring({value}, 24, 16)";

    // The session model's conditions (SessionsSql.Build, SessionQuery.FromWhere) over the same start and first page view.
    private static string Condition(string database, SessionQuery sessions) =>
        sessions.Filters.NeedSource
            ? $"session_key IN (SELECT session_key {sessions.FromWhere(database)})"
            : $$"""
              started >= {from:DateTime64(3, 'UTC')} AND started < {to:DateTime64(3, 'UTC')}
                AND first_page != '{{SessionRollup.NoPage}}'
                AND (NOT {{FirstPageSql.IsBot("first_page")}} OR {includeBots:UInt8} = 1){{sessions.Filters.Sql()}}
              """;
}
