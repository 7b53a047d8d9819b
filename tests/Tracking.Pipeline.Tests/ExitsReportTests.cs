using System.Text.Json.Nodes;
using Tracking.Testing;
using static Tracking.Pipeline.Tests.CountedSessionEvents;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/exits against the definitions, computed here from the generated events.</summary>
[Collection(LandingDatasetCollection.Name)]
public sealed class ExitsReportTests(LandingReportFixture fixture)
{
    [Fact]
    public async Task Every_page_has_its_sessions_exits_exit_rate_and_targets()
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"exits?{ReportClient.Range(fixture.From, fixture.To)}");
        AssertReport(answer, Of(fixture), int.MaxValue);
    }

    [Theory]
    [MemberData(nameof(SessionFilter.Names), MemberType = typeof(SessionFilter))]
    public async Task Every_filter_narrows_the_sessions(string filterName)
    {
        var filter = SessionFilter.Named(filterName);
        var answer = await ReportClient.GetAsync(fixture.Host, $"exits?{ReportClient.Range(fixture.From, fixture.To)}&{filter.Query}");
        AssertReport(answer, Of(fixture, filter.Matches), int.MaxValue);
    }

    [Fact]
    public async Task Rows_sort_by_the_figure_asked_for_up_to_the_limit()
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"exits?sort=exitRate&limit=2&{ReportClient.Range(fixture.From, fixture.To)}");
        var expected = Expected(Of(fixture)).Rows.OrderByDescending(r => (double)r.Exits / r.Sessions).ThenBy(r => r.Page, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, (long)answer["total"]!);
        Assert.Equal(expected.Take(2).Select(r => r.Page), answer["rows"]!.AsArray().Select(r => (string)r!["page"]!));
    }

    [Fact]
    public async Task Outbound_clicks_followed_by_another_interaction_are_no_exit_target()
    {
        // The dataset must hold both kinds, or the definition's "last interaction" would go untested.
        var sessions = Of(fixture);
        Assert.Contains(sessions, s => s.Events.Any(e => e.Name == "outbound") && s.LastInteraction?.Name != "outbound");
        Assert.Contains(sessions, s => s.LastInteraction?.Name == "outbound");
        var answer = await ReportClient.GetAsync(fixture.Host, $"exits?{ReportClient.Range(fixture.From, fixture.To)}");
        var outboundSessions = sessions.Count(s => s.Events.Any(e => e.Name == "outbound"));
        Assert.True(answer["targets"]!.AsArray().Sum(t => (long)t!["sessions"]!) < outboundSessions);
    }

    private static void AssertReport(JsonObject answer, List<CountedSessionEvents> sessions, int limit)
    {
        var (rows, targets) = Expected(sessions);
        var ordered = rows.OrderByDescending(r => r.Exits).ThenBy(r => r.Page, StringComparer.Ordinal).Take(limit).ToList();
        Assert.Equal(rows.Count, (long)answer["total"]!);
        var answered = answer["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(ordered.Select(r => r.Page), answered.Select(r => (string)r["page"]!));
        foreach (var (row, want) in answered.Zip(ordered))
        {
            Assert.Equal(want.Sessions, (long)row["sessions"]!);
            Assert.Equal(want.Exits, (long)row["exits"]!);
            Assert.Equal((double)want.Exits / want.Sessions, (double)row["exitRate"]!, 9);
            Assert.Equal(want.Targets, Targets(row));
        }

        Assert.Equal(targets, Targets(answer));
    }

    /// <summary>
    /// Per page: sessions with a view of it, exits (its exit page: the last page view), and the exit targets of
    /// those exits (the host of an outbound event that is the last interaction); and the targets of all sessions.
    /// </summary>
    private static (List<(string Page, long Sessions, long Exits, List<(string, long)> Targets)> Rows, List<(string, long)> Targets) Expected(List<CountedSessionEvents> sessions)
    {
        var exits = sessions.Select(s => (
            Pages: s.PageViews.Select(Path).Distinct().ToList(),
            Exit: Path(s.PageViews.Last()),
            Target: s.LastInteraction is { Name: "outbound" } last ? (string?)Property(last, "host") : null)).ToList();
        var rows = exits.SelectMany(s => s.Pages).Distinct().Select(page => (
            Page: page,
            Sessions: (long)exits.Count(s => s.Pages.Contains(page)),
            Exits: (long)exits.Count(s => s.Exit == page),
            Targets: TargetsOf(exits.Where(s => s.Exit == page).Select(s => s.Target)))).ToList();
        return (rows, TargetsOf(exits.Select(s => s.Target)));
    }

    private static List<(string, long)> TargetsOf(IEnumerable<string?> targets) =>
        [.. targets.OfType<string>().GroupBy(t => t).Select(g => (g.Key, (long)g.Count()))
            .OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal)];

    private static List<(string, long)> Targets(JsonNode node) =>
        [.. node["targets"]!.AsArray().Select(t => ((string)t!["host"]!, (long)t["sessions"]!))];
}
