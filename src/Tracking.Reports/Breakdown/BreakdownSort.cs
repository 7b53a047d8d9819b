namespace Tracking.Reports.Breakdown;

/// <summary>
/// What a breakdown's rows are ordered by: a metric, largest first, or the value itself, A to Z; ties by
/// value. <see cref="Template"/> is the aggregate in SQL with {0} where a window clause may go.
/// </summary>
public sealed record BreakdownSort(string Name, string Template)
{
    public static readonly BreakdownSort Sessions = new("sessions", "count(){0}");

    public static readonly IReadOnlyList<BreakdownSort> All =
    [
        Sessions,
        new("visitors", "uniqExact(visitor){0}"),
        new("bounces", "countIf(bounced){0}"),
        new("leads", "countIf(converted){0}"),
        new("bounceRate", "countIf(bounced){0} / count(){0}"),
        new("leadRate", "countIf(converted){0} / count(){0}"),
        new("medianDurationSeconds", "quantileExactInclusive(0.5)(duration_ms / 1000.0){0}"),
        new("value", "value"),
    ];

    public bool Descending => Name != "value";

    /// <summary>The ORDER BY of grouped rows.</summary>
    public string OrderBy => Sql() + (Descending ? " DESC" : string.Empty);

    /// <summary>The aggregate over grouped rows, or over session rows with a <paramref name="window"/> clause.</summary>
    public string Sql(string window = "") => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, window);
}
