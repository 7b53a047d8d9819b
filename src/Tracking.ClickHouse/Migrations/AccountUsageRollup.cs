namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The usage rollup of migration 11: usage events counted per (project, hour, account known at insert time, user,
/// event name) in <c>account_usage</c>, fed by a materialized view on events, so the accounts and features
/// reports read about one row per user and hour instead of every event under FINAL.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// The account kept is what the event itself says (its groupId, else context.groupId); an event carrying only a
/// userId is kept with account '' and its user, because its account is the user's latest group call before it,
/// which may arrive later: the reports look it up at query time in <c>account_users</c>, as they did over events.
/// Each row also keeps its events' times (<c>times</c>), so a report can split exactly the rare rows whose
/// hour holds a window edge, or a group call of their user, between their first and last event.
/// </para>
/// <para>
/// Counts are not idempotent like the session rollup's min/max: the rollup counts what the loader stores, one
/// copy of a message within the resend window (docs/resends.md). So the backfill runs before the view is
/// created, over events FINAL, after emptying the table: a migration stopped halfway runs whole again. Nothing
/// else writes events while the single node migrates (migrations run at start, before the loader).
/// </para>
/// </summary>
public static class AccountUsageRollup
{
    /// <summary>
    /// context.groupId, parsed only where the text can hold it: a string, or a number as written, else ''.
    /// </summary>
    public const string ContextGroupId =
        """
        if(position(context, '"groupId"') = 0, '',
            multiIf(JSONType(context, 'groupId') = 'String', JSONExtractString(context, 'groupId'),
                    JSONType(context, 'groupId') IN ('Int64', 'UInt64', 'Double'), JSONExtractRaw(context, 'groupId'),
                    ''))
        """;

    public const string Table =
        """
        CREATE TABLE IF NOT EXISTS {db}.account_usage
        (
            project_id LowCardinality(String),
            hour       DateTime('UTC'),
            account    String,
            user       String,
            event      LowCardinality(String),
            events     SimpleAggregateFunction(sum, UInt64),
            first_at   SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
            last_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
            times      SimpleAggregateFunction(groupArrayArray, Array(DateTime64(3, 'UTC')))
        )
        ENGINE = AggregatingMergeTree
        PARTITION BY toYYYYMM(hour)
        ORDER BY (project_id, hour, account, user, event)
        """;

    /// <summary>
    /// The rows of account_usage for the usage events of {source}: track events other than the system events
    /// (EventNames.System's when this migration was written) that have an account or a userId. user = userId,
    /// else anonymousId (with account '' it is always the userId).
    /// </summary>
    private const string OfSource =
        $$"""
        SELECT project_id, toStartOfHour(timestamp) AS hour,
            if(group_id != '', group_id, {{ContextGroupId}}) AS account,
            if(user_id != '', user_id, anonymous_id) AS user,
            event, count() AS events, min(timestamp) AS first_at, max(timestamp) AS last_at, groupArray(timestamp) AS times
        FROM {source}
        WHERE type = 'track' AND event NOT IN ('page_leave', 'heartbeat') AND (account != '' OR user_id != '')
        GROUP BY project_id, hour, account, user, event
        """;

    /// <summary>The view's query: each insert block of events.</summary>
    public static readonly string OfEvents = OfSource.Replace("{source}", "{db}.events", StringComparison.Ordinal);

    /// <summary>The backfill's: the events stored, each message once (FINAL folds same-day copies, as the reports did).</summary>
    public static readonly string OfStoredEvents = OfSource.Replace("{source}", "{db}.events FINAL", StringComparison.Ordinal);
}
