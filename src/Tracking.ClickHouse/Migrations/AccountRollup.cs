namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The account rollup of migration 9, fed at insert time by materialized views on events' <c>group</c> calls,
/// so reports read accounts and memberships instead of scanning events for them.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// <c>accounts</c>: one row per (project, account), min/max only (idempotent, so a resent group call changes
/// nothing): when the account was first seen, and its latest group call as one string that sorts by
/// (time, message id hash) and ends with that call's traits, see <see cref="LatestGroup"/>.
/// </para>
/// <para>
/// <c>account_users</c>: every (user, time, account) of a group call that carried a userId, so the account of
/// an event carrying only a userId can be looked up as the latest earlier one (an ASOF JOIN at query time,
/// exact whatever order the calls arrived in).
/// </para>
/// </summary>
public static class AccountRollup
{
    /// <summary>
    /// A group call as one sortable string: <c>toString(timestamp)</c> (23 characters), 16 hex digits of
    /// cityHash64(message_id) (ties of the same millisecond), then the call's traits (JSON text) from
    /// character <see cref="TraitsStart"/> on.
    /// </summary>
    public const string LatestGroup = "concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), traits)";

    /// <summary>The 1-based position in a <see cref="LatestGroup"/> value where the traits begin.</summary>
    public const int TraitsStart = 40;

    /// <summary>The rows of <c>accounts</c> for the group calls of {db}.events (the view's query, and the backfill's).</summary>
    public const string AccountsOfEvents =
        $$"""
        SELECT project_id, group_id AS account,
            min(timestamp) AS first_seen,
            max({{LatestGroup}}) AS latest_group
        FROM {db}.events
        WHERE type = 'group' AND group_id != ''
        GROUP BY project_id, account
        """;

    /// <summary>The rows of <c>account_users</c> for the group calls of {db}.events that carry a userId.</summary>
    public const string UsersOfEvents =
        """
        SELECT project_id, user_id, timestamp AS joined_at, group_id AS account
        FROM {db}.events
        WHERE type = 'group' AND group_id != '' AND user_id != ''
        """;
}
