using System.Data;

namespace Tracking.Reports.Shared;

/// <summary>
/// The figures of a set of sessions, as docs/definitions.md defines them: sessions, distinct visitors, bounces,
/// sessions with a lead, and the median session duration. Rates are fractions 0..1 of sessions (0 when none).
/// </summary>
public sealed record SessionFigures(long Sessions, long Visitors, long Bounces, long Leads, double MedianDurationSeconds)
{
    public static readonly SessionFigures Zero = new(0, 0, 0, 0, 0);

    /// <summary>The aggregates in SQL, five columns in the order <see cref="Read"/> takes them.</summary>
    public const string Sql =
        "count() AS sessions, uniqExact(visitor) AS visitors, countIf(bounced) AS bounces, countIf(converted) AS leads, "
        + "quantileExactInclusive(0.5)(duration_ms / 1000.0) AS median_duration";

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
