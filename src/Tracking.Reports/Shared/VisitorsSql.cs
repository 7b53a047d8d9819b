namespace Tracking.Reports.Shared;

/// <summary>
/// The stitched visitor of docs/definitions.md ("Visitor (identity stitching)"), at query time: an event's
/// userId; else the userId its anonymousId is linked to; else its anonymousId. A link is any event carrying
/// both ids, or an alias's previousId and userId, whatever order they arrived in; an anonymousId linked to
/// several userIds takes the earliest link's (time, then message id). Parameter: project String.
/// </summary>
public static class VisitorsSql
{
    /// <summary>The links of the project, all time: linked_anonymous_id → linked_user_id.</summary>
    public static string Links(string database) =>
        $$"""
        SELECT linked_anonymous_id, argMin(user_id, (timestamp, message_id)) AS linked_user_id
        FROM
        (
            SELECT arrayJoin(if(type = 'alias' AND previous_id != '', [anonymous_id, previous_id], [anonymous_id])) AS linked_anonymous_id,
                user_id, timestamp, message_id
            FROM {{database}}.events
            WHERE project_id = {project:String} AND user_id != '' AND (anonymous_id != '' OR previous_id != '')
        )
        WHERE linked_anonymous_id != ''
        GROUP BY linked_anonymous_id
        """;

    /// <summary>
    /// The rows of <paramref name="events"/> (which has anonymous_id and user_id) with their stitched
    /// <c>visitor</c> added.
    /// </summary>
    public static string Stitch(string database, string events) =>
        $"""
        SELECT *, if(user_id != '', user_id, if(linked_user_id != '', linked_user_id, anonymous_id)) AS visitor
        FROM ({events}) AS unstitched
        ANY LEFT JOIN ({Links(database)}) AS links ON unstitched.anonymous_id = links.linked_anonymous_id
        """;
}
