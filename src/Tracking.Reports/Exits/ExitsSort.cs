namespace Tracking.Reports.Exits;

/// <summary>What the exits report's pages are ordered by: a figure, largest first, or the page, A to Z; ties by page.</summary>
public sealed record ExitsSort(string Name, Func<ExitRow, double> Key)
{
    public static readonly ExitsSort Exits = new("exits", r => r.Exits);

    public static readonly IReadOnlyList<ExitsSort> All =
    [
        Exits,
        new("sessions", r => r.Sessions),
        new("exitRate", r => r.ExitRate),
        new("page", _ => 0),
    ];

    public IEnumerable<ExitRow> Order(IEnumerable<ExitRow> rows) =>
        rows.OrderByDescending(Key).ThenBy(r => r.Page, StringComparer.Ordinal);
}
