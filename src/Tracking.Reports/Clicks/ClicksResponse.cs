namespace Tracking.Reports.Clicks;

/// <summary>
/// The clicks report's HTTP answer: <see cref="Sessions"/> with a view of the page, its <see cref="Clicks"/>
/// (click and outbound events), the top elements by clicks (of <see cref="ElementsTotal"/>), the heatmap per
/// device class and the scroll depth. <see cref="Url"/> is the page's latest view's URL without query and
/// fragment (where the dashboard loads the live page), empty without a view.
/// </summary>
public sealed record ClicksResponse(
    string Page,
    string Url,
    long Sessions,
    long Clicks,
    long ElementsTotal,
    IReadOnlyList<ClickedElement> Elements,
    IReadOnlyList<Heatmap> Heatmap,
    ScrollDepth Scroll);

/// <summary>An element, the pair (selector, text): its clicks and the sessions with at least one of them.</summary>
public sealed record ClickedElement(string Selector, string Text, long Clicks, long Sessions);

/// <summary>
/// The heatmap of one device class of the viewport (mobile, tablet, desktop), with the largest document
/// width and height (`dw`, `dh`) its clicks reported (0 when they did not): the size to draw it at.
/// </summary>
public sealed record Heatmap(string Device, double DocumentWidth, double DocumentHeight, IReadOnlyList<HeatmapCell> Cells);

/// <summary>A heatmap cell: column <see cref="X"/> (0..39, a 40th of the viewport's width), row <see cref="Y"/> (25 CSS pixels of the page).</summary>
public sealed record HeatmapCell(int X, int Y, long Clicks);

/// <summary>
/// How far down the page sessions scrolled: a session's depth is the deepest scroll_pct of its page_leave
/// events on the page; <see cref="Sessions"/> those with one; <see cref="Reached"/> per threshold (25, 50,
/// 75, 100) the sessions whose depth is at least it.
/// </summary>
public sealed record ScrollDepth(long Sessions, double MedianPct, IReadOnlyDictionary<string, long> Reached);
