using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// The session model of docs/definitions.md in SQL, shared by the reports: one row per session that started in the
/// range, with its visitor, duration, landing page, keyword, bounce and lead. Client sessions come from
/// the session rollup (<see cref="SessionRollup"/>, with migration 8's <see cref="SessionSourceRollup"/>),
/// merged across parts and months by FINAL; no report joins events to its sessions. Events
/// without a client sessionId are split per visitor on 30 minutes of inactivity here, at query time, so
/// the split is exact whatever order events arrived in, and aggregated exactly as the rollup does. A
/// session counts as a bot's when its first page view came from a bot user agent.
/// </summary>
internal static class SessionsSql
{
    public const int InactivityMs = 30 * 60 * 1000;

    /// <summary>
    /// Parameters: project String, from/to DateTime64(3), reachFrom/reachTo DateTime64(3), includeBots UInt8.
    /// Columns: session_key (see <see cref="ServerSessionEvents"/>), visitor, started, duration_ms, landed (has a page view), landing_page, keyword, bounced,
    /// converted; with <paramref name="withSource"/> also source, device and search_engine of the first page
    /// view (<see cref="FirstSourceSql"/>), which only those reports read (a string more to merge by FINAL).
    /// Aliases differ from column names: ClickHouse would read an alias where its column is meant.
    /// </summary>
    public static string Build(string database, bool withSource = false) =>
        $$"""
        SELECT session_key, visitor, started,
            toUnixTimestamp64Milli(ended) - toUnixTimestamp64Milli(started) AS duration_ms,
            first_page != '{{SessionRollup.NoPage}}' AS landed,
            {{FirstPageSql.LandingPage("first_page")}} AS landing_page,
            {{FirstPageSql.Keyword("first_page")}} AS keyword,
            page_id_min = page_id_max AND NOT interacted AS bounced,
            converted{{(withSource ? SourceColumns : string.Empty)}}
        FROM
        (
            -- FINAL merges a session's rows across parts and months; the partition filter is what lets
            -- it skip months outside the reach (FINAL does not prune by a condition on started).
            SELECT session_id AS session_key, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted{{(withSource ? ", first_source" : string.Empty)}}
            FROM {{database}}.sessions FINAL
            WHERE project_id = {project:String}
              AND _partition_id >= toString(toYYYYMM({reachFrom:DateTime64(3, 'UTC')}))
              AND _partition_id <= toString(toYYYYMM({reachTo:DateTime64(3, 'UTC')}))
            UNION ALL
            SELECT session_key, {{(withSource ? SessionSourceRollup.Aggregates : SessionRollup.Aggregates)}}
            FROM ({{ServerSessionEvents(database, "type, event, page_path, keyword, is_bot, anonymous_id, user_id, timestamp" + (withSource ? ", search_engine, utm_source, referrer_host, device_type" : string.Empty))}})
            GROUP BY session_key
        )
        WHERE started >= {from:DateTime64(3, 'UTC')} AND started < {to:DateTime64(3, 'UTC')}
          AND (NOT {{FirstPageSql.IsBot("first_page")}} OR {includeBots:UInt8} = 1)
        """;

    /// <summary>
    /// The events of server-side sessions (those without a client sessionId) in the reach, each message once,
    /// with their session_key (see <see cref="SplitOnInactivity"/>). Every report that reads events of sessions
    /// keys them with this, so its keys are those of <see cref="Build"/>. <paramref name="columns"/> are the
    /// event columns to pass through.
    /// </summary>
    public static string ServerSessionEvents(string database, string columns) =>
        SplitOnInactivity(
            $$"""
            -- Each message once (LIMIT 1 BY reads only these events, unlike FINAL): copies of a message at the
            -- same time tie in the window order, so a copy of a session's first event could fall in the previous one.
            SELECT message_id, visitor_id, {{columns}}, toUnixTimestamp64Milli(timestamp) AS ts_ms
            FROM {{database}}.events
            WHERE project_id = {project:String}
              AND timestamp >= {reachFrom:DateTime64(3, 'UTC')} AND timestamp < {reachTo:DateTime64(3, 'UTC')}
              AND session_id = ''
            LIMIT 1 BY message_id
            """,
            visitor: "visitor_id",
            milliseconds: "ts_ms");

    /// <summary>
    /// The rows of <paramref name="events"/> (each with message_id) with their <c>session_key</c> added: per
    /// <paramref name="visitor"/>, in time order (<paramref name="milliseconds"/>, then message id), a next session
    /// starts after <see cref="InactivityMs"/> ms of silence. The split of the session model, so whoever keys
    /// server-side sessions keys them alike.
    /// </summary>
    public static string SplitOnInactivity(string events, string visitor, string milliseconds) =>
        $"""
        SELECT * EXCEPT (new_session),
            concat({visitor}, '#', toString(sum(new_session) OVER (PARTITION BY {visitor} ORDER BY {milliseconds}, message_id ROWS UNBOUNDED PRECEDING))) AS session_key
        FROM
        (
            SELECT *,
                {milliseconds} - lagInFrame({milliseconds}, 1, toInt64(-{InactivityMs})) OVER (PARTITION BY {visitor} ORDER BY {milliseconds}, message_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) >= {InactivityMs} AS new_session
            FROM ({events})
        )
        """;

    private static readonly string SourceColumns =
        $", {FirstSourceSql.Source("first_source")} AS source, {FirstSourceSql.DeviceOf("first_source")} AS device, "
        + $"{FirstSourceSql.SearchEngineOf("first_source")} AS search_engine";
}
