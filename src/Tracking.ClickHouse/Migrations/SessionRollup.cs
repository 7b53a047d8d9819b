namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The session rollup of migration 4: one row per (project, client session id) in an AggregatingMergeTree,
/// fed at insert time by a materialized view on events, so reports read sessions instead of events.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// Every column is a SimpleAggregateFunction of min or max: reading them is reading plain columns (states
/// of argMin and friends cost microseconds a row to deserialize), and min/max are idempotent, so a
/// message stored twice (a client resend, a replayed batch) changes nothing. The first page view is kept
/// as one string that sorts by (time, message id hash), see <see cref="FirstPage"/>.
/// </para>
/// <para>
/// Unlike FINAL on events, min/max see every copy inserted: a resend with a different time (its
/// sentAt-corrected time moves by the request's latency) would move a session's start or end. Since
/// migration 7 the loader inserts a message's first copy only (<see cref="StoredMessageIds"/>), so within
/// its window no such copy reaches the view.
/// </para>
/// </summary>
public static class SessionRollup
{
    /// <summary>
    /// Sorts after every <see cref="FirstPage"/> value (they start with a digit): what a session without a
    /// page view has as its first page.
    /// </summary>
    public const string NoPage = "~";

    /// <summary>
    /// The first page view of a session as one sortable string:
    /// <c>toString(timestamp)</c> (23 characters, sorts as time), 16 hex digits of cityHash64(message_id)
    /// (ties of the same millisecond, the same for every copy of a message), the bot flag ('0'/'1'), the
    /// page path's length in 5 digits (an event is at most 32 KB), the page path, the keyword.
    /// </summary>
    public const string FirstPage =
        "concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), "
        + "leftPad(toString(length(page_path)), 5, '0'), page_path, keyword)";

    /// <summary>
    /// The aggregates of one session over event columns, as the materialized view computes them per insert
    /// block. Page views are told apart by message id (min = max means exactly one). The names of system
    /// events are EventNames.System's when this migration was written.
    /// </summary>
    public const string Aggregates =
        $"""
        min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
            min(timestamp) AS started,
            max(timestamp) AS ended,
            min(if(type = 'page', {FirstPage}, '{NoPage}')) AS first_page,
            min(if(type = 'page', message_id, '\xFF')) AS page_id_min,
            max(if(type = 'page', message_id, '')) AS page_id_max,
            max(type = 'track' AND event NOT IN ('page_leave', 'heartbeat')) AS interacted,
            max(type = 'track' AND event = 'lead') AS converted
        """;

    /// <summary>The rows of the rollup for the client sessions of {db}.events (the view's query, and the backfill's).</summary>
    public const string OfEvents =
        $$"""
        SELECT project_id, session_id,
            {{Aggregates}}
        FROM {db}.events
        WHERE session_id != ''
        GROUP BY project_id, session_id
        """;
}
