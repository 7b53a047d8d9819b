using Tracking.Events;

namespace Tracking.Reports;

/// <summary>
/// The session model of DESIGN.md in SQL, shared by the reports: one row per session with its landing
/// page, keyword, page views, interactions and leads. Sessions without a client sessionId are split per
/// visitor on 30 minutes of inactivity here, at query time, so the split is exact whatever order events
/// arrived in and whichever collector received them. A session counts as a bot's when its first page
/// view came from a bot user agent; server-side events (no browser user agent) never decide that.
/// </summary>
internal static class SessionsSql
{
    public const int InactivityMs = 30 * 60 * 1000;

    private static readonly string SystemEventList = string.Join(", ", EventNames.System.Select(n => $"'{n}'"));

    /// <summary>Parameters: project String, from/to DateTime64(3), reachFrom/reachTo DateTime64(3), includeBots UInt8.</summary>
    public static string Build(string eventsTable) =>
        $$"""
        SELECT
            session_key,
            any(visitor) AS visitor,
            min(ts_ms) AS started_ms,
            max(ts_ms) AS ended_ms,
            argMinIf(page_path, (ts_ms, message_id), type = '{{EventTypes.Page}}') AS landing_page,
            argMinIf(keyword, (ts_ms, message_id), type = '{{EventTypes.Page}}') AS session_keyword,
            countIf(type = '{{EventTypes.Page}}') AS pageviews,
            countIf(type = '{{EventTypes.Track}}' AND event NOT IN ({{SystemEventList}})) AS interactions,
            countIf(type = '{{EventTypes.Track}}' AND event = '{{EventNames.Lead}}') AS leads,
            argMinIf(is_bot, (ts_ms, message_id), type = '{{EventTypes.Page}}') AS bot_session
        FROM
        (
            -- Client sessions need no window: the id is the session.
            SELECT session_id AS session_key, message_id, type, event, page_path, keyword, is_bot, visitor, ts_ms
            FROM ({{Base(eventsTable, "session_id != ''")}})
            UNION ALL
            -- Server-side sessions: a visitor's next session starts after {{InactivityMs}} ms of silence.
            SELECT concat(visitor, '#', toString(sum(new_session) OVER (PARTITION BY visitor ORDER BY ts_ms, message_id ROWS UNBOUNDED PRECEDING))) AS session_key,
                message_id, type, event, page_path, keyword, is_bot, visitor, ts_ms
            FROM
            (
                SELECT *,
                    ts_ms - lagInFrame(ts_ms, 1, toInt64(-{{InactivityMs}})) OVER (PARTITION BY visitor ORDER BY ts_ms, message_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) >= {{InactivityMs}} AS new_session
                FROM ({{Base(eventsTable, "session_id = ''")}})
            )
        )
        GROUP BY session_key
        HAVING (NOT bot_session OR {includeBots:UInt8} = 1)
           AND started_ms >= toUnixTimestamp64Milli({from:DateTime64(3, 'UTC')}) AND started_ms < toUnixTimestamp64Milli({to:DateTime64(3, 'UTC')})
        """;

    /// <summary>The project's events around the range, each messageId once (FINAL), with visitor and time in ms.</summary>
    private static string Base(string eventsTable, string condition) =>
        $$"""
        SELECT message_id, type, event, page_path, keyword, is_bot, session_id,
            if(anonymous_id != '', anonymous_id, user_id) AS visitor,
            toUnixTimestamp64Milli(timestamp) AS ts_ms
        FROM {{eventsTable}} FINAL
        WHERE project_id = {project:String}
          AND timestamp >= {reachFrom:DateTime64(3, 'UTC')} AND timestamp < {reachTo:DateTime64(3, 'UTC')}
          AND {{condition}}
        """;
}
