using ClickHouse.Driver.ADO.Parameters;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>
/// The funnel of docs/definitions.md in SQL. Per unit, its events (only those matching a step in sequential
/// order; all of them in strict order, where any other event breaks a chain) become one array sorted by
/// (time, message id); from each entering event, a fold walks the array and takes at each step the earliest
/// matching event at a strictly later time, no later than the window after entering (in strict order only
/// the very next event may match). The unit's level is the best over its entering events, its best chain
/// the earliest entering event reaching that level; the figures are aggregated over units.
/// <para>
/// Columns of the answer: is_all (1 on the rows of all units, 0 on a breakdown value's), breakdown_value, step (1-based),
/// units reaching it, median seconds from the previous step (over those units), and on the rows of all units
/// how many breakdown values there are.
/// </para>
/// </summary>
internal static class FunnelSql
{
    private const string Project = "{project:String}";
    private const string ReadFrom = "{readFrom:DateTime64(3, 'UTC')}";
    private const string ReadTo = "{readTo:DateTime64(3, 'UTC')}";
    private const string FromMs = "{fromMs:Int64}";
    private const string ToMs = "{toMs:Int64}";
    private const string WindowMs = "{windowMs:Int64}";
    private const string Limit = "{limit:UInt32}";

    public static string Build(string database, FunnelQuery query, IReadOnlyList<FunnelStep> steps, ClickHouseParameterCollection parameters)
    {
        var needsSessions = query.Unit == FunnelUnit.Sessions || query.Breakdown is FunnelBreakdown.Keyword or FunnelBreakdown.LandingPage or FunnelBreakdown.Source;
        var needsAccounts = query.Unit == FunnelUnit.Accounts || query.Breakdown is FunnelBreakdown.Account or FunnelBreakdown.Segment;
        var strict = query.Order == FunnelOrder.Strict;

        // Events before the range only matter to tell which session an event is in and what it landed with.
        var readFrom = needsSessions ? query.Range.From - SessionQuery.SessionReach : query.Range.From;
        parameters.Add(SessionQuery.Parameter("readFrom", readFrom.UtcDateTime));
        parameters.Add(SessionQuery.Parameter("readTo", (query.Range.To + query.Window).UtcDateTime));
        parameters.Add(SessionQuery.Parameter("fromMs", query.Range.From.ToUnixTimeMilliseconds()));
        parameters.Add(SessionQuery.Parameter("toMs", query.Range.To.ToUnixTimeMilliseconds()));
        parameters.Add(SessionQuery.Parameter("windowMs", (long)query.Window.TotalMilliseconds));

        var mask = "toUInt16(" + string.Join(" + ", steps.Select((s, i) => $"if({s.Condition(i, parameters)}, {1 << i}, 0)")) + ")";
        string Read(string filter) =>
            $"""
            SELECT message_id, type, anonymous_id, user_id, group_id, session_id, timestamp, toUnixTimestamp64Milli(timestamp) AS ts,
                {mask} AS mask{(needsAccounts ? ", context" : string.Empty)}{(needsSessions ? ", if(anonymous_id != '', anonymous_id, user_id) AS raw_visitor" : string.Empty)}
            FROM {database}.events{(strict ? " FINAL" : string.Empty)}
            WHERE project_id = {Project} AND timestamp >= {ReadFrom} AND timestamp < {ReadTo} AND ({filter})
            {(strict ? string.Empty : "LIMIT 1 BY message_id")}
            """;

        // In sequential order only the events matching a step matter, a fraction of the range: each message
        // once by LIMIT 1 BY over those (FINAL would merge every row of the range first). In strict order
        // every event may break a chain, and FINAL reads them once.
        var relevant = strict ? "1" : "mask != 0";
        var events = VisitorsSql.Stitch(database, needsSessions ? FunnelSessionsSql.Keyed(Read, relevant) : Read(relevant));
        if (needsAccounts)
        {
            events = AccountsSql.WithAccount(database, events);
        }

        if (query.Breakdown == FunnelBreakdown.Segment)
        {
            events = $"SELECT *, if(segment = '', '{Segments.Unknown}', segment) AS unit_segment FROM ({events}) AS unsegmented LEFT JOIN (SELECT account AS segment_account, segment FROM ({AccountsSql.Known(database)})) AS segments ON unsegmented.account = segments.segment_account";
        }

        var unit = query.Unit switch
        {
            FunnelUnit.Sessions => "session_key",
            FunnelUnit.Accounts => "account",
            _ => "visitor",
        };
        var value = query.Breakdown switch
        {
            null => "''",
            FunnelBreakdown.Segment => "unit_segment",
            FunnelBreakdown.Account => $"if(account = '', '{FirstSourceSql.None}', account)",
            _ => "session_key",
        };
        var conditions = new[] { strict ? null : "mask != 0", query.Unit == FunnelUnit.Accounts ? "account != ''" : null }.OfType<string>().ToList();
        var units =
            $"""
            SELECT level, gaps, evs[best.1].4 AS value
            FROM
            (
                SELECT evs, arraySort(chain -> (-toInt32(chain.2.1), chain.1), arrayMap(i -> (i, {Chain(steps.Count, strict)}), entering))[1] AS best,
                    best.2.1 AS level, best.2.3 AS gaps
                FROM
                (
                    -- The fold sees times and masks only: a lambda copies the arrays it reads for every entering
                    -- event, and the ids and values are strings.
                    SELECT arraySort(groupArray((ts, message_id, mask, {value}))) AS evs,
                        arrayMap(e -> (e.1, e.3), evs) AS timed,
                        arrayFilter(i -> bitTest(timed[i].2, 0) AND timed[i].1 >= {FromMs} AND timed[i].1 < {ToMs}, arrayEnumerate(timed)) AS entering
                    FROM ({events})
                    {(conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions))}
                    GROUP BY {unit}
                    HAVING notEmpty(entering)
                )
            )
            """;
        if (SessionColumn(query.Breakdown) is { } column)
        {
            parameters.Add(SessionQuery.Parameter("reachFrom", readFrom.UtcDateTime));
            parameters.Add(SessionQuery.Parameter("reachTo", (query.Range.To + query.Window).UtcDateTime));
            parameters.Add(SessionQuery.Parameter("from", readFrom.UtcDateTime));
            parameters.Add(SessionQuery.Parameter("to", query.Range.To.UtcDateTime));
            parameters.Add(SessionQuery.Parameter("includeBots", (byte)1));
            units = FunnelSessionsSql.WithSessionValue(database, units, column, withSource: query.Breakdown == FunnelBreakdown.Source);
        }

        parameters.Add(SessionQuery.Parameter("limit", query.Limit));
        return query.Breakdown is null ? Totals(units) : WithBreakdown(units, query.Sort, steps.Count);
    }

    /// <summary>
    /// The fold from entering event i: (level, time of the last step, gaps in ms, still open, deadline).
    /// A chain closes at the first event past the deadline (the array is sorted by time) and, in strict
    /// order, at the first event that is not its next step.
    /// </summary>
    private static string Chain(int stepCount, bool strict) =>
        $"""
        arrayFold((acc, x) ->
            if(acc.4 = 0 OR acc.1 >= {stepCount}, acc,
            if(x.1 > acc.5, (acc.1, acc.2, acc.3, toUInt8(0), acc.5),
            if(bitTest(x.2, acc.1) AND x.1 > acc.2, (toUInt8(acc.1 + 1), x.1, arrayPushBack(acc.3, x.1 - acc.2), toUInt8(1), acc.5),
            {(strict ? "(acc.1, acc.2, acc.3, toUInt8(0), acc.5)" : "acc")}))),
            arraySlice(timed, i + 1{(strict ? $", {stepCount - 1}" : string.Empty)}),
            (toUInt8(1), timed[i].1, CAST([], 'Array(Int64)'), toUInt8(1), timed[i].1 + {WindowMs}))
        """;

    /// <summary>The session model's column that a session breakdown shows.</summary>
    private static string? SessionColumn(FunnelBreakdown? breakdown) => breakdown switch
    {
        FunnelBreakdown.Keyword => "keyword",
        FunnelBreakdown.LandingPage => "landing_page",
        FunnelBreakdown.Source => "source",
        _ => null,
    };

    private static string Totals(string units) =>
        $"""
        SELECT toUInt8(1) AS is_all, '' AS breakdown_value, k, count() AS reached, {MedianGap} AS median_seconds, toUInt64(0) AS total_values
        FROM ({units})
        ARRAY JOIN range(1, level + 1) AS k
        GROUP BY k
        """;

    // The top values (by entering units, units reaching the last step, or A to Z); the units of the rest
    // are summed as (other) units, so its median is over them, not over the values' medians.
    private static string WithBreakdown(string units, FunnelSort sort, int stepCount) =>
        $"""
        SELECT toUInt8(grouping(shown)) AS is_all, shown AS breakdown_value, k, count() AS reached, {MedianGap} AS median_seconds, uniqExact(value) AS total_values
        FROM
        (
            SELECT *, if(dense_rank() OVER (ORDER BY {RankOrder(sort)}value) <= {Limit}, value, '{FunnelQuery.OtherValue}') AS shown
            FROM (SELECT *, count() OVER (PARTITION BY value) AS entered, countIf(level = {stepCount}) OVER (PARTITION BY value) AS converted FROM ({units}))
        )
        ARRAY JOIN range(1, level + 1) AS k
        GROUP BY GROUPING SETS ((k), (shown, k))
        """;

    private static string RankOrder(FunnelSort sort) => sort switch
    {
        FunnelSort.Entered => "entered DESC, ",
        FunnelSort.Converted => "converted DESC, ",
        _ => string.Empty,
    };

    private static readonly string MedianGap = "quantileExactInclusive(0.5)(if(k = 1, 0, gaps[k - 1]) / 1000.0)";
}
