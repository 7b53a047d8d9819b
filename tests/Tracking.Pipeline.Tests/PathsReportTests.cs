using System.Text.Json.Nodes;
using Tracking.Testing;
using static Tracking.Pipeline.Tests.CountedSessionEvents;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/paths against the definition, computed here from the generated events.</summary>
[Collection(LandingDatasetCollection.Name)]
public sealed class PathsReportTests(LandingReportFixture fixture)
{
    [Theory]
    [InlineData("/pricing", 3)]
    [InlineData("/features/crm", 5)]
    [InlineData("/", 1)]
    [InlineData("/pricing", 10)]
    public async Task Links_from_a_start_page_follow_the_definition(string start, int depth)
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"paths?start={Uri.EscapeDataString(start)}&depth={depth}&{ReportClient.Range(fixture.From, fixture.To)}");
        AssertReport(answer, start, depth, Of(fixture));
    }

    [Fact]
    public async Task Without_a_start_paths_begin_at_each_sessions_landing_page_three_levels_deep()
    {
        var answer = await ReportClient.GetAsync(fixture.Host, $"paths?{ReportClient.Range(fixture.From, fixture.To)}");
        Assert.Null(answer["start"]);
        AssertReport(answer, null, 3, Of(fixture));
    }

    [Theory]
    [MemberData(nameof(SessionFilter.Names), MemberType = typeof(SessionFilter))]
    public async Task Every_filter_narrows_the_sessions(string filterName)
    {
        var filter = SessionFilter.Named(filterName);
        var answer = await ReportClient.GetAsync(fixture.Host, $"paths?start=/pricing&{ReportClient.Range(fixture.From, fixture.To)}&{filter.Query}");
        AssertReport(answer, "/pricing", 3, Of(fixture, filter.Matches));
    }

    private static void AssertReport(JsonObject answer, string? start, int depth, List<CountedSessionEvents> sessions)
    {
        // Per session: its page paths in time order, consecutive repeats collapsed, from its first view of the start.
        var paths = new List<List<string>>();
        foreach (var session in sessions)
        {
            var collapsed = new List<string>();
            foreach (var path in session.PageViews.Select(Path))
            {
                if (collapsed.Count == 0 || collapsed[^1] != path)
                {
                    collapsed.Add(path);
                }
            }

            var at = start is null ? 0 : collapsed.IndexOf(start);
            if (at >= 0)
            {
                paths.Add(collapsed[at..]);
            }
        }

        // Links: level i from element i-1 to element i, or to (exit) where the path ends. The dataset has fewer
        // than 20 pages, so no node has targets folded into (other).
        var links = new List<(int Level, string From, string To)>();
        foreach (var path in paths)
        {
            for (var level = 1; level <= depth; level++)
            {
                links.Add((level, path[level - 1], level < path.Count ? path[level] : "(exit)"));
                if (level >= path.Count)
                {
                    break;
                }
            }
        }

        var expected = links.GroupBy(l => l).Select(g => (g.Key.Level, g.Key.From, g.Key.To, Sessions: (long)g.Count()))
            .OrderBy(l => l.Level).ThenByDescending(l => l.Sessions).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(paths.Count, (long)answer["sessions"]!);
        Assert.Equal(expected, answer["links"]!.AsArray().Select(l => ((int)l!["level"]!, (string)l["from"]!, (string)l["to"]!, (long)l["sessions"]!)).ToList());
    }
}
