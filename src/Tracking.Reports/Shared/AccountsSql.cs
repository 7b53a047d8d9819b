using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse.Migrations;
using Tracking.Events;

namespace Tracking.Reports.Shared;

/// <summary>
/// Accounts as docs/definitions.md defines them, in SQL shared by the reports: the accounts known from
/// <c>group</c> calls with their latest traits and segment, and the account of an event.
/// </summary>
public static class AccountsSql
{
    /// <summary>
    /// Every account of the project's group calls: account, first_seen (its first group call), traits (JSON text
    /// of its latest group call, ties by message id hash) and segment. Parameters: project and <see cref="Segments"/>'.
    /// Reads the account rollup (<see cref="AccountRollup"/>), merged here rather than by FINAL (a GROUP BY of a few rows per account).
    /// </summary>
    public static string Known(string database) =>
        $$"""
        SELECT account, first_seen, traits, {{Segments.Of("traits")}} AS segment
        FROM
        (
            SELECT account, min(first_seen) AS first_seen, substring(max(latest_group), {{AccountRollup.TraitsStart}}) AS traits
            FROM {{database}}.accounts
            WHERE project_id = {project:String}
            GROUP BY account
        )
        """;

    /// <summary>
    /// An event's account: its top-level groupId, else context.groupId (a string, or a number as written), else
    /// <c>member_account</c>, the account of the user's latest group call strictly before the event (joined by
    /// <see cref="JoinMembership"/>).
    /// </summary>
    private const string Account =
        "if(group_id != '', group_id, if(context_group != '', context_group, member_account))";

    /// <summary>context.groupId, parsed only where the text can hold it (as the usage rollup keeps it).</summary>
    private const string ContextGroupId = AccountUsageRollup.ContextGroupId;

    /// <summary>
    /// Usage events (track events other than system events) in [usageFrom, usageTo) that have an account, each
    /// message once: the loader stores only a message's first copy (within 7 days, docs/resends.md), and FINAL folds
    /// what is left of same-day copies (older stores, later resends) at about a quarter of the cost of LIMIT 1 BY message_id (benchmarks/README.md, the account reports). Columns: timestamp, user (userId, else anonymousId), event, feature (its alias, else its name),
    /// account; with <paramref name="withProperties"/> also properties. Parameters: project, usageFrom, usageTo and
    /// <see cref="AddFeatureParameters"/>'.
    /// </summary>
    public static string UsageEvents(string database, bool withProperties = false) =>
        $$"""
        SELECT timestamp, user, event, transform(event, {featureEvents:Array(String)}, {featureNames:Array(String)}, event) AS feature,
            {{Account}} AS account{{(withProperties ? ", properties" : string.Empty)}}
        FROM
        (
            SELECT timestamp, user_id, if(user_id != '', user_id, anonymous_id) AS user, toString(event) AS event, group_id,
                {{ContextGroupId}} AS context_group{{(withProperties ? ", properties" : string.Empty)}}
            FROM {{database}}.events FINAL
            WHERE project_id = {project:String} AND type = 'track' AND event NOT IN ({{SystemEvents}})
              AND timestamp >= {usageFrom:DateTime64(3, 'UTC')} AND timestamp < {usageTo:DateTime64(3, 'UTC')}
        ) AS e
        {{JoinMembership(database)}}
        WHERE {{Account}} != ''
        """;

    /// <summary>
    /// Usage events as <see cref="UsageEvents"/> has them, in groups read from the usage rollup
    /// (<see cref="AccountUsageRollup"/>): columns first_at and last_at (the times of the group's first and last event), user, event,
    /// feature, account and events (how many). The events of a group share user, event and account and lie on the
    /// same side of every edge <see cref="AddUsageParameters"/> was given, so a report counts a group where it
    /// counts its first event. A rollup row is one group, unless it is split into its events: when an edge
    /// falls after its first event and at or before its last, or, for events with only a userId, when one of
    /// the user's group calls falls at or after its first event and before its last (their accounts may differ).
    /// An event with only a userId takes the account of the user's latest group call strictly before it (the
    /// group's first event), looked up at query time, so a group call that arrived later counts. Parameters:
    /// project, <see cref="AddUsageParameters"/>' and <see cref="AddFeatureParameters"/>'.
    /// </summary>
    public static string Usage(string database) =>
        $$"""
        SELECT first_at, last_at, user, event, transform(event, {featureEvents:Array(String)}, {featureNames:Array(String)}, event) AS feature,
            if(known_account != '', known_account, arrayLast(membership -> membership.1 < first_at, memberships).2) AS account, events
        FROM
        (
            SELECT piece.1 AS first_at, piece.2 AS last_at, piece.3 AS events, user, event, known_account, memberships
            FROM
            (
                SELECT user, toString(event) AS event, account AS known_account, memberships,
                    if((has({edgeHours:Array(UInt32)}, toUnixTimestamp(hour))
                            AND arrayExists(edge -> toUnixTimestamp64Milli(first_at) < edge AND edge <= toUnixTimestamp64Milli(last_at), {edges:Array(Int64)}))
                        OR (known_account = '' AND arrayExists(membership -> membership.1 >= first_at AND membership.1 < last_at, memberships)),
                        arrayMap(time -> (time, time, toUInt64(1)), times), [(first_at, last_at, events)]) AS pieces
                FROM {{database}}.account_usage AS u
                LEFT JOIN
                (
                    -- Keyed by a 64-bit hash of the user id: a hash table of numbers is built and probed
                    -- faster than one of strings, and two users would have to share a hash to mix.
                    SELECT cityHash64(user_id) AS user_hash, arraySort(groupArray((joined_at, account))) AS memberships
                    FROM {{database}}.account_users
                    WHERE project_id = {project:String}
                    GROUP BY user_hash
                ) AS m ON cityHash64(u.user) = m.user_hash
                WHERE u.project_id = {project:String}
                  AND u.hour >= toStartOfHour({usageFrom:DateTime64(3, 'UTC')}) AND u.hour < {usageTo:DateTime64(3, 'UTC')}
            )
            ARRAY JOIN pieces AS piece
        )
        WHERE first_at >= {usageFrom:DateTime64(3, 'UTC')} AND first_at < {usageTo:DateTime64(3, 'UTC')} AND account != ''
        """;

    /// <summary>
    /// The usage range [<paramref name="from"/>, <paramref name="to"/>) and the edges a report counts on either side
    /// of (<paramref name="innerEdges"/>, e.g. where the recent window starts), for <see cref="Usage"/>. Edges on a
    /// whole hour split no rollup row and are left out.
    /// </summary>
    public static void AddUsageParameters(ClickHouseParameterCollection parameters, DateTimeOffset from, DateTimeOffset to, IEnumerable<DateTimeOffset> innerEdges)
    {
        var edges = innerEdges.Prepend(from).Append(to)
            .Select(e => e.ToUnixTimeMilliseconds())
            .Where(ms => ms % HourMs != 0)
            .Distinct()
            .ToArray();
        parameters.Add(SessionQuery.Parameter("usageFrom", from.UtcDateTime));
        parameters.Add(SessionQuery.Parameter("usageTo", to.UtcDateTime));
        parameters.Add(SessionQuery.Parameter("edges", edges));
        parameters.Add(SessionQuery.Parameter("edgeHours", edges.Select(ms => (uint)(ms / HourMs * 3600)).Distinct().ToArray()));
    }

    private const long HourMs = 3_600_000;

    /// <summary>
    /// Joins each event carrying a userId to the user's latest group call strictly before it (an ASOF JOIN over the
    /// rollup's memberships: exact whatever order the calls arrived in). Adds member_account, '' without one.
    /// </summary>
    private static string JoinMembership(string database) =>
        $$"""
        ASOF LEFT JOIN
        (
            SELECT user_id, joined_at, account AS member_account
            FROM {{database}}.account_users
            WHERE project_id = {project:String}
        ) AS m ON e.user_id = m.user_id AND e.timestamp > m.joined_at
        """;

    /// <summary>
    /// The rows of <paramref name="stitchedEvents"/> (with visitor, timestamp, group_id and context, see
    /// <see cref="VisitorsSql.Stitch"/>) with their <c>account</c> added ('' when they have none): for funnels,
    /// whose units follow the stitched visitor, the latest earlier group call is the stitched visitor's, so an
    /// anonymous landing of a person who later signed in belongs to that person's account.
    /// </summary>
    public static string WithAccount(string database, string stitchedEvents) =>
        $"""
        SELECT *, multiIf(group_id != '', group_id, context_group_id != '', context_group_id, called_group_id) AS account
        FROM (SELECT *, {ContextGroupId} AS context_group_id FROM ({stitchedEvents})) AS unaccounted
        ASOF LEFT JOIN ({GroupCalls(database)}) AS calls
            ON unaccounted.visitor = calls.caller AND unaccounted.timestamp > calls.called_at
        """;

    /// <summary>Every group call of the project with its stitched caller.</summary>
    private static string GroupCalls(string database) =>
        $"""
        SELECT visitor AS caller, timestamp AS called_at, group_id AS called_group_id
        FROM ({VisitorsSql.Stitch(database, $"SELECT anonymous_id, user_id, timestamp, group_id FROM {database}.events WHERE project_id = {{project:String}} AND type = 'group' AND group_id != ''")})
        """;

    private static readonly string SystemEvents = string.Join(", ", EventNames.System.Select(n => $"'{n}'"));

    /// <summary>The feature aliases as two parallel arrays (event names, feature names), for <c>transform</c>.</summary>
    public static void AddFeatureParameters(ClickHouseParameterCollection parameters, IReadOnlyDictionary<string, string> aliases)
    {
        var ordered = aliases.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray();
        parameters.Add(SessionQuery.Parameter("featureEvents", ordered.Select(a => a.Key).ToArray()));
        parameters.Add(SessionQuery.Parameter("featureNames", ordered.Select(a => a.Value).ToArray()));
    }
}
