namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The session flow rollup of migration 10: one row per (project, client session id) in an AggregatingMergeTree
/// <c>session_flows</c>, fed at insert time by a materialized view on events, so the exits and paths reports
/// read sessions instead of their events. Part of an applied migration: never edit. A different shape is a
/// new migration with its own constants.
/// <para>
/// Like <see cref="SessionRollup"/>, plain SimpleAggregateFunction columns that a copy of a message cannot
/// change: min/max, and the set of the session's page views (groupUniqArrayArray, a union). The session's
/// start and first page view are kept here too (the same expressions as in <c>sessions</c>), so a report
/// without a source or device filter decides which sessions count from this table alone.
/// </para>
/// </summary>
public static class SessionFlowRollup
{
    /// <summary>
    /// An event's place in time order as a string that sorts like it: <c>toString(timestamp)</c> (23
    /// characters) and 16 hex digits of cityHash64(message_id), the order <see cref="SessionRollup.FirstPage"/> uses.
    /// </summary>
    public const string TimeOrder = "toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0')";

    /// <summary>The 1-based position in a <see cref="PageView"/> or <see cref="LastInteraction"/> value where its text begins.</summary>
    public const int TextStart = 40;

    /// <summary>A page view as one sortable string: its <see cref="TimeOrder"/>, then its page path.</summary>
    public const string PageView = $"concat({TimeOrder}, page_path)";

    /// <summary>
    /// The last interaction (a track event other than the system events page_leave and heartbeat, as they were
    /// when this migration was written) as one sortable string: its <see cref="TimeOrder"/>, then properties.host
    /// when it is an outbound click, else nothing; '' for an event that is no interaction.
    /// </summary>
    public const string LastInteraction =
        $"if(type = 'track' AND event NOT IN ('page_leave', 'heartbeat'), concat({TimeOrder}, if(event = 'outbound', JSONExtractString(properties, 'host'), '')), '')";

    /// <summary>The aggregates of one session over event columns (timestamp, message_id, type, event, page_path, properties, is_bot, keyword).</summary>
    public const string Aggregates =
        $"""
        min(timestamp) AS started,
            min(if(type = 'page', {SessionRollup.FirstPage}, '{SessionRollup.NoPage}')) AS first_page,
            groupUniqArrayIf({PageView}, type = 'page') AS views,
            max({LastInteraction}) AS last_interaction
        """;

    /// <summary>
    /// The rows of the rollup for the client sessions of {db}.events (the view's query, and the backfill's), with
    /// the visitor as in <see cref="SessionRollup"/>: on a cluster the table is sharded by it, like events.
    /// </summary>
    public const string OfEvents =
        $$"""
        SELECT project_id, session_id,
            min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
            {{Aggregates}}
        FROM {db}.events
        WHERE session_id != ''
        GROUP BY project_id, session_id
        """;
}
