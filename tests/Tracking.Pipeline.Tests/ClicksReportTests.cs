using System.Text.Json.Nodes;
using Tracking.Testing;
using static Tracking.Pipeline.Tests.CountedSessionEvents;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/clicks against the definitions, computed here from the generated events.</summary>
[Collection(LandingDatasetCollection.Name)]
public sealed class ClicksReportTests(LandingReportFixture fixture)
{
    public static TheoryData<string> PagesToReport => ["/pricing", "/features/crm"];

    [Theory]
    [MemberData(nameof(PagesToReport))]
    public async Task A_pages_sessions_clicks_elements_heatmap_and_scroll_depth_follow_the_definitions(string page)
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"clicks?page={Uri.EscapeDataString(page)}&{ReportClient.Range(fixture.From, fixture.To)}");
        AssertReport(answer, page, Of(fixture));
    }

    [Theory]
    [InlineData("landingPage", "/pricing")]
    [InlineData("device", "mobile")]
    [InlineData("keyword", "免费CRM")]
    [InlineData("source", "baidu")]
    public async Task The_dashboard_filters_narrow_the_sessions(string name, string value)
    {
        var filter = SessionFilter.Named(name == "landingPage" ? "page" : name);
        Assert.Equal(value, filter.Value);
        var answer = await ReportClient.GetAsync(fixture.Host, $"clicks?page=/pricing&{name}={Uri.EscapeDataString(value)}&{ReportClient.Range(fixture.From, fixture.To)}");
        AssertReport(answer, "/pricing", Of(fixture, filter.Matches));
    }

    [Fact]
    public async Task Elements_past_the_limit_are_left_out_but_counted()
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"clicks?page=/pricing&limit=2&{ReportClient.Range(fixture.From, fixture.To)}");
        var expected = ExpectedElements(Clicks(Of(fixture), "/pricing"));
        Assert.Equal(expected.Count, (long)answer["elementsTotal"]!);
        Assert.Equal(expected.Take(2), Elements(answer));
    }

    private static void AssertReport(JsonObject answer, string page, List<CountedSessionEvents> sessions)
    {
        var clicks = Clicks(sessions, page);
        Assert.Equal(page, (string)answer["page"]!);
        Assert.Equal(sessions.Count(s => s.PageViews.Any(e => Path(e) == page)), (long)answer["sessions"]!);
        Assert.Equal(clicks.Count, (long)answer["clicks"]!);

        var elements = ExpectedElements(clicks);
        Assert.Equal(elements.Count, (long)answer["elementsTotal"]!);
        Assert.Equal(elements, Elements(answer));

        // Heatmap cells per device class of the viewport width: column min(39, floor(vx * 40)), row floor(y / 25).
        var heatmap = clicks
            .GroupBy(c => DeviceClass(c.Event))
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(c => (X: Math.Min(39, (int)Math.Floor(Number(c.Event, "vx") * 40)), Y: (int)Math.Floor(Number(c.Event, "y") / 25)))
                    .Select(cell => (cell.Key.X, cell.Key.Y, Clicks: (long)cell.Count())).OrderBy(c => c.Y).ThenBy(c => c.X).ToList());
        var answered = answer["heatmap"]!.AsArray().ToDictionary(
            h => (string)h!["device"]!,
            h => h!["cells"]!.AsArray().Select(c => ((int)c!["x"]!, (int)c["y"]!, (long)c["clicks"]!)).ToList());
        Assert.Equal(heatmap.Keys.Order(), answered.Keys.Order());
        foreach (var (device, cells) in heatmap)
        {
            Assert.Equal(cells, answered[device]);
        }

        // Each heatmap's size to draw at: the largest document its clicks reported.
        foreach (var h in answer["heatmap"]!.AsArray())
        {
            var ofDevice = clicks.Where(c => DeviceClass(c.Event) == (string)h!["device"]!).ToList();
            Assert.Equal(ofDevice.Max(c => Number(c.Event, "dw")), (double)h!["documentWidth"]!);
            Assert.Equal(ofDevice.Max(c => Number(c.Event, "dh")), (double)h["documentHeight"]!);
        }

        // Where the live page is: its latest view's URL without query and fragment.
        var latest = sessions.SelectMany(s => s.PageViews.Where(e => Path(e) == page)).MaxBy(e => e.Timestamp);
        Assert.Equal(latest is null ? string.Empty : ((string)latest.Json["context"]!["page"]!["url"]!).Split('?', '#')[0], (string)answer["url"]!);

        // Scroll depth: a session's deepest scroll_pct among its page_leave events on the page.
        var depths = sessions
            .Select(s => s.Events.Where(e => e.Name == "page_leave" && Path(e) == page && Property(e, "scroll_pct") is not null)
                .Select(e => Number(e, "scroll_pct")).ToList())
            .Where(d => d.Count > 0).Select(d => d.Max()).ToList();
        var scroll = answer["scroll"]!;
        Assert.Equal(depths.Count, (long)scroll["sessions"]!);
        Assert.Equal(depths.Count == 0 ? 0 : ExpectedReport.Median(depths), (double)scroll["medianPct"]!, 9);
        foreach (var threshold in new[] { 25, 50, 75, 100 })
        {
            Assert.Equal(depths.Count(d => d >= threshold), (long)scroll["reached"]![threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)]!);
        }
    }

    /// <summary>The device class of a click's viewport width: below 768 mobile, below 1024 tablet, else desktop.</summary>
    private static string DeviceClass(GeneratedEvent click) => Number(click, "vw") switch { < 768 => "mobile", < 1024 => "tablet", _ => "desktop" };

    /// <summary>The page's click and outbound events, each with its session.</summary>
    private static List<(GeneratedEvent Event, int Session)> Clicks(List<CountedSessionEvents> sessions, string page) =>
        [.. sessions.SelectMany(s => s.Events.Where(e => e.Name is "click" or "outbound" && Path(e) == page).Select(e => (e, s.Session.Index)))];

    /// <summary>Elements (selector, text) by clicks, then sessions, most first; ties by selector and text.</summary>
    private static List<(string Selector, string Text, long Clicks, long Sessions)> ExpectedElements(List<(GeneratedEvent Event, int Session)> clicks) =>
        [.. clicks.GroupBy(c => ((string)Property(c.Event, "selector")!, (string)Property(c.Event, "text")!))
            .Select(g => (g.Key.Item1, g.Key.Item2, Clicks: (long)g.Count(), Sessions: (long)g.Select(c => c.Session).Distinct().Count()))
            .OrderByDescending(e => e.Clicks).ThenByDescending(e => e.Sessions)
            .ThenBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal)];

    private static List<(string Selector, string Text, long Clicks, long Sessions)> Elements(JsonObject answer) =>
        [.. answer["elements"]!.AsArray().Select(e => ((string)e!["selector"]!, (string)e["text"]!, (long)e["clicks"]!, (long)e["sessions"]!))];
}
