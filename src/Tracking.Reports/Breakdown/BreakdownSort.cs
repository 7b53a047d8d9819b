namespace Tracking.Reports.Breakdown;

/// <summary>
/// What a breakdown's rows are ordered by: a metric, largest first, or the value itself, A to Z; ties by
/// value. <see cref="Template"/> is the aggregate in SQL with {0} where a window clause may go;
/// <see cref="Figure"/> the same over the columns of <see cref="Shared.SessionFigures.Sql"/>.
/// </summary>
public sealed record BreakdownSort(string Name, string Template, string Figure)
{
    public static readonly BreakdownSort Sessions = new("sessions", "count(){0}", "sessions");

    public static readonly IReadOnlyList<BreakdownSort> All =
    [
        Sessions,
        new("visitors", Shared.SessionFigures.DistinctVisitors + "{0}", "visitors"),
        new("bounces", "countIf(bounced){0}", "bounces"),
        new("leads", "countIf(converted){0}", "leads"),
        new("bounceRate", "countIf(bounced){0} / count(){0}", "bounces / sessions"),
        new("leadRate", "countIf(converted){0} / count(){0}", "leads / sessions"),
        new("medianDurationSeconds", "quantileExactInclusive(0.5)(duration_ms / 1000.0){0}", "median_duration"),
        new("value", "value", "value"),
    ];

    public bool Descending => Name != "value";

    /// <summary>The ORDER BY of rows with the figures' columns.</summary>
    public string OrderBy => Figure + (Descending ? " DESC" : string.Empty);

    /// <summary>The aggregate over grouped rows, or over session rows with a <paramref name="window"/> clause.</summary>
    public string Sql(string window = "") => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, window);
}
