using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>
/// Sessions for funnels: each event's session (the client's sessionId, else its raw visitor's events split on
/// 30 minutes of inactivity by <see cref="SessionsSql.SplitOnInactivity"/>), and a session's breakdown value from its first
/// page view. Only events without a client session id go through the window functions of the split.
/// </summary>
internal static class FunnelSessionsSql
{
    /// <summary>
    /// The events <paramref name="read"/> gives for a condition (with ts, message_id, session_id, raw_visitor),
    /// those passing <paramref name="filter"/>, each with its <c>session_key</c>. The split sees all the
    /// events without a session id, then the filter applies.
    /// </summary>
    public static string Keyed(Func<string, string> read, string filter) =>
        $"""
        SELECT *, session_id AS session_key FROM ({read($"session_id != '' AND ({filter})")})
        UNION ALL
        SELECT * FROM ({SessionsSql.SplitOnInactivity(read("session_id = ''"), visitor: "raw_visitor", milliseconds: "ts")})
        WHERE {filter}
        """;

    /// <summary>
    /// The <paramref name="units"/> (whose value is the session of their entering event) with the value of that
    /// session instead: its first page view's page_value (time, then message id), (none) without a page view.
    /// </summary>
    public static string WithSessionValue(string units, string pageViews) =>
        $"""
        SELECT level, gaps, if(session_value = '', '{FirstSourceSql.None}', session_value) AS value
        FROM (SELECT level, gaps, value AS entering_session FROM ({units})) AS entered
        LEFT JOIN
        (
            SELECT session_key AS valued_session, argMin(page_value, (ts, message_id)) AS session_value
            FROM ({pageViews})
            GROUP BY session_key
        ) AS session_values ON entered.entering_session = session_values.valued_session
        """;
}
