using System.Data;

namespace Tracking.Reports.Shared;

/// <summary>
/// The figures of a set of sessions, as docs/definitions.md defines them: sessions, distinct visitors, bounces,
/// sessions with a lead, and the median session duration. Rates are fractions 0..1 of sessions (0 when none).
/// </summary>
public sealed record SessionFigures(long Sessions, long Visitors, long Bounces, long Leads, double MedianDurationSeconds)
{
    public static readonly SessionFigures Zero = new(0, 0, 0, 0, 0);

    /// <summary>
    /// Distinct visitors, counted as distinct 64-bit hashes of their ids: uniqExact of strings keeps a 128-bit hash
    /// of each and cost a third of an overview query over a million visitors; two visitors would have to share a
    /// 64-bit hash to count as one (about one chance in 10^7 among a million).
    /// </summary>
    public const string DistinctVisitors = "uniqExact(cityHash64(visitor))";

    /// <summary>The aggregates in SQL, five columns in the order <see cref="Read"/> takes them.</summary>
    public const string Sql =
        $"count() AS sessions, {DistinctVisitors} AS visitors, countIf(bounced) AS bounces, countIf(converted) AS leads, "
        + "quantileExactInclusive(0.5)(duration_ms / 1000.0) AS median_duration";

    /// <summary>
    /// The aggregates of <see cref="Sql"/> as states (s, v, b, l, d), for figures of groups that are then merged
    /// again by <see cref="Merged"/>: the figures of all sessions from the groups' states, instead of a second pass
    /// over the sessions.
    /// </summary>
    public const string States =
        "count() AS s, uniqExactState(cityHash64(visitor)) AS v, countIf(bounced) AS b, countIf(converted) AS l, "
        + "quantileExactInclusiveState(0.5)(duration_ms / 1000.0) AS d";

    /// <summary>The five columns of <see cref="Sql"/> from rows of <see cref="States"/>.</summary>
    public const string Merged =
        "sum(s) AS sessions, uniqExactMerge(v) AS visitors, sum(b) AS bounces, sum(l) AS leads, "
        + "quantileExactInclusiveMerge(0.5)(d) AS median_duration";

    public double BounceRate => Sessions == 0 ? 0 : (double)Bounces / Sessions;

    public double LeadRate => Sessions == 0 ? 0 : (double)Leads / Sessions;

    /// <summary>Reads the five columns of <see cref="Sql"/> starting at <paramref name="first"/>.</summary>
    public static SessionFigures Read(IDataRecord reader, int first)
    {
        var sessions = reader.Count(first);
        return new SessionFigures(
            sessions,
            reader.Count(first + 1),
            reader.Count(first + 2),
            reader.Count(first + 3),
            sessions == 0 ? 0 : reader.Number(first + 4));
    }
}
