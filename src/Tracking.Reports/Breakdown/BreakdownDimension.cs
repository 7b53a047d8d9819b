namespace Tracking.Reports.Breakdown;

/// <summary>
/// What a breakdown groups sessions by, as its `by` name and the session model's column. Source, device and
/// search engine are the first page view's.
/// </summary>
public sealed record BreakdownDimension(string Name, string Column, bool NeedsSource)
{
    public static readonly IReadOnlyList<BreakdownDimension> All =
    [
        new("keyword", "keyword", false),
        new("page", "landing_page", false),
        new("source", "source", true),
        new("device", "device", true),
        new("searchEngine", "search_engine", true),
    ];
}
