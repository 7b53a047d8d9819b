namespace Tracking.Reports.Shared;

/// <summary>
/// Accounts of docs/definitions.md in SQL, at query time: an event's account is its top-level groupId, else
/// its context.groupId, else the group of its (stitched) visitor's latest group call strictly before it.
/// An account's traits are those of its latest group call (time, then message id), all time.
/// Parameters: project String; for <see cref="Segments"/> also segmentTrait String and segmentBigFrom Float64.
/// </summary>
public static class AccountsSql
{
    /// <summary>
    /// The rows of <paramref name="stitchedEvents"/> (with visitor, timestamp, group_id and context, see
    /// <see cref="VisitorsSql.Stitch"/>) with their <c>account</c> added ('' when they have none).
    /// </summary>
    public static string WithAccount(string database, string stitchedEvents) =>
        $"""
        SELECT *, multiIf(group_id != '', group_id, context_group_id != '', context_group_id, called_group_id) AS account
        FROM (SELECT *, JSONExtractString(context, 'groupId') AS context_group_id FROM ({stitchedEvents})) AS unaccounted
        ASOF LEFT JOIN ({GroupCalls(database)}) AS calls
            ON unaccounted.visitor = calls.caller AND unaccounted.timestamp > calls.called_at
        """;

    /// <summary>Every group call of the project with its stitched caller.</summary>
    private static string GroupCalls(string database) =>
        $"""
        SELECT visitor AS caller, timestamp AS called_at, group_id AS called_group_id
        FROM ({VisitorsSql.Stitch(database, $"SELECT anonymous_id, user_id, timestamp, group_id FROM {database}.events WHERE project_id = {{project:String}} AND type = 'group' AND group_id != ''")})
        """;

    /// <summary>segment_account → segment (big, small or unknown) of every account with a group call.</summary>
    public static string Segments(string database) =>
        $$"""
        SELECT segment_account,
            multiIf(trait_value IS NULL, '{{SegmentOptions.Unknown}}', trait_value >= {segmentBigFrom:Float64}, '{{SegmentOptions.Big}}', '{{SegmentOptions.Small}}') AS segment
        FROM
        (
            -- A number, or a string holding one: the raw JSON without its quotes.
            SELECT group_id AS segment_account,
                toFloat64OrNull(replaceAll(JSONExtractRaw(argMax(traits, (timestamp, message_id)), {segmentTrait:String}), '"', '')) AS trait_value
            FROM {{database}}.events
            WHERE project_id = {project:String} AND type = 'group' AND group_id != ''
            GROUP BY group_id
        )
        """;
}
