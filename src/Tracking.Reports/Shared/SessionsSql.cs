using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// The session model of docs/definitions.md in SQL, shared by the reports: one row per session that started in the
/// range, with its visitor, duration, landing page, keyword, bounce and lead. Client sessions come from
/// the session rollup (<see cref="SessionRollup"/>), merged across parts and months by FINAL. Events
/// without a client sessionId are split per visitor on 30 minutes of inactivity here, at query time, so
/// the split is exact whatever order events arrived in, and aggregated exactly as the rollup does. A
/// session counts as a bot's when its first page view came from a bot user agent.
/// </summary>
internal static class SessionsSql
{
    public const int InactivityMs = 30 * 60 * 1000;

    /// <summary>
    /// Parameters: project String, from/to DateTime64(3), reachFrom/reachTo DateTime64(3), includeBots UInt8.
    /// Columns: session_key (see <see cref="SessionEvents"/>), visitor, started, duration_ms, landed (has a page
    /// view), landing_page, keyword, bounced, converted; with <paramref name="withSource"/> also source, device and search_engine of the first page view.
    /// </summary>
    public static string Build(string database, bool withSource = false) =>
        withSource ? WithSource(database) : Sessions(database);

    /// <summary>
    /// Where a session came from and on what device are its first page view's: joined by that event's
    /// identity, the first 39 characters of <see cref="SessionRollup.FirstPage"/> (its time and message id hash),
    /// compared as numbers (cheaper to hash than those strings).
    /// Source: the search engine, else utm_source, else the referrer's host, else (direct). (Aliases differ from
    /// column names: ClickHouse would read an alias where its column is meant.)
    /// </summary>
    private static string WithSource(string database) =>
        $$"""
        SELECT session_key, visitor, started, duration_ms, landed, landing_page, keyword, bounced, converted,
            source, device, first_engine AS search_engine
        FROM ({{Sessions(database)}}) AS s
        ANY LEFT JOIN
        (
            SELECT timestamp AS first_page_time, cityHash64(message_id) AS first_page_hash,
                multiIf(search_engine != '', search_engine, utm_source != '', utm_source, referrer_host != '', referrer_host, '{{Direct}}') AS source,
                if(device_type != '', device_type, '{{None}}') AS device,
                if(search_engine != '', search_engine, '{{None}}') AS first_engine
            FROM {{database}}.events
            WHERE project_id = {project:String} AND type = 'page'
              AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {reachTo:DateTime64(3, 'UTC')}
        ) AS e USING (first_page_time, first_page_hash)
        """;

    /// <summary>The source of a visit without a search engine, campaign source or referrer.</summary>
    public const string Direct = "(direct)";

    /// <summary>A search engine or device the first page view did not have.</summary>
    public const string None = "(none)";

    /// <summary>
    /// The events of server-side sessions (those without a client sessionId) in the reach, each message once,
    /// with its session_key: a visitor's next session starts after 30 minutes of silence. Every report
    /// that reads events of sessions keys them with this, so its keys are those of <see cref="Build"/>.
    /// <paramref name="columns"/> are the event columns to pass through.
    /// </summary>
    public static string ServerSessionEvents(string database, string columns) =>
        $$"""
        -- Each message once (LIMIT 1 BY reads only these events, unlike FINAL): the copies of a message
        -- tie in the window order, so a copy of a session's first event could fall in the previous one.
        SELECT concat(visitor_id, '#', toString(sum(new_session) OVER (PARTITION BY visitor_id ORDER BY ts_ms, message_id ROWS UNBOUNDED PRECEDING))) AS session_key, *
        FROM
        (
            SELECT *,
                ts_ms - lagInFrame(ts_ms, 1, toInt64(-{{InactivityMs}})) OVER (PARTITION BY visitor_id ORDER BY ts_ms, message_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) >= {{InactivityMs}} AS new_session
            FROM
            (
                SELECT message_id, visitor_id, {{columns}}, toUnixTimestamp64Milli(timestamp) AS ts_ms
                FROM {{database}}.events
                WHERE project_id = {project:String}
                  AND timestamp >= {reachFrom:DateTime64(3, 'UTC')} AND timestamp < {reachTo:DateTime64(3, 'UTC')}
                  AND session_id = ''
                LIMIT 1 BY message_id
            )
        )
        """;

    private static string Sessions(string database) =>
        $$"""
        SELECT session_key, visitor, started,
            toDateTime64OrZero(substring(first_page, 1, 23), 3, 'UTC') AS first_page_time,
            reinterpretAsUInt64(reverse(unhex(substring(first_page, 24, 16)))) AS first_page_hash,
            toUnixTimestamp64Milli(ended) - toUnixTimestamp64Milli(started) AS duration_ms,
            first_page != '{{SessionRollup.NoPage}}' AS landed,
            {{FirstPageSql.LandingPage("first_page")}} AS landing_page,
            {{FirstPageSql.Keyword("first_page")}} AS keyword,
            page_id_min = page_id_max AND NOT interacted AS bounced,
            converted
        FROM
        (
            -- FINAL merges a session's rows across parts and months; the partition filter is what lets
            -- it skip months outside the reach (FINAL does not prune by a condition on started).
            SELECT session_id AS session_key, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted
            FROM {{database}}.sessions FINAL
            WHERE project_id = {project:String}
              AND _partition_id >= toString(toYYYYMM({reachFrom:DateTime64(3, 'UTC')}))
              AND _partition_id <= toString(toYYYYMM({reachTo:DateTime64(3, 'UTC')}))
            UNION ALL
            SELECT session_key, {{SessionRollup.Aggregates}}
            FROM ({{ServerSessionEvents(database, "type, event, page_path, keyword, is_bot, anonymous_id, user_id, timestamp")}})
            GROUP BY session_key
        )
        WHERE started >= {from:DateTime64(3, 'UTC')} AND started < {to:DateTime64(3, 'UTC')}
          AND (NOT {{FirstPageSql.IsBot("first_page")}} OR {includeBots:UInt8} = 1)
        """;
}
