using Tracking.Reports.Paths;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// The paths report's folding of a node's targets past its 20 largest into (other), which the report dataset
/// (a handful of pages) never reaches: links of sessions' paths computed here from the definition.
/// </summary>
public sealed class PathsOtherFoldingTests
{
    private const int Pages = 25;

    [Fact]
    public void Targets_past_the_twenty_largest_are_one_other_target_whose_sessions_go_on_from_the_other_node()
    {
        // From "/", page i is taken by i + 1 sessions: i of them go on to /pricing, one leaves.
        var paths = Enumerable.Range(1, Pages)
            .SelectMany(i => new[] { ((string[])["/", Page(i), "/pricing"], (long)i), ((string[])["/", Page(i)], 1L) })
            .ToList();

        var reached = Enumerable.Range(1, Pages).ToDictionary(Page, i => i + 1L);
        var named = reached.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(20).Select(p => p.Key).ToHashSet();
        var folded = Enumerable.Range(1, Pages).Where(i => !named.Contains(Page(i))).ToList();
        var expected = new List<PathLink>();
        expected.AddRange(named.Select(p => new PathLink(1, "/", p, reached[p])));
        expected.Add(new PathLink(1, "/", "(other)", folded.Sum(i => i + 1L)));
        foreach (var i in Enumerable.Range(1, Pages).Where(i => named.Contains(Page(i))))
        {
            expected.Add(new PathLink(2, Page(i), "/pricing", i));
            expected.Add(new PathLink(2, Page(i), "(exit)", 1));
        }

        expected.Add(new PathLink(2, "(other)", "/pricing", folded.Sum(i => (long)i)));
        expected.Add(new PathLink(2, "(other)", "(exit)", folded.Count));
        expected.Add(new PathLink(3, "/pricing", "(exit)", Enumerable.Range(1, Pages).Sum(i => (long)i)));

        var links = PathFlow.Links(paths, depth: 3);

        Assert.Equal(5, folded.Count);
        Assert.Equal(Ordered(expected), Ordered(links));
    }

    private static string Page(int i) => $"/page-{i:00}";

    private static List<PathLink> Ordered(IEnumerable<PathLink> links) =>
        [.. links.OrderBy(l => l.Level).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)];
}
