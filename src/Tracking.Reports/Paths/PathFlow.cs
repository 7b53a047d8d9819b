using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

/// <summary>
/// Turns sessions' paths (page paths, consecutive repeats collapsed, from the start page, at most depth + 1
/// elements; each with how many sessions took it) into links level by level. A node's page targets past its
/// <see cref="ReportLimit.Targets"/> largest become one (other) target, and those sessions go on from the
/// (other) node, so every node's links out never exceed its sessions in; (exit) is always its own target.
/// </summary>
public static class PathFlow
{
    public const string Exit = "(exit)";

    public static List<PathLink> Links(IReadOnlyList<(string[] Path, long Sessions)> paths, int depth)
    {
        var links = new List<PathLink>();
        // Each path still going on, with the label its last element has in the flow (itself or (other)).
        var going = paths.Where(p => p.Path.Length > 0).Select(p => (p.Path, p.Sessions, Node: p.Path[0])).ToList();
        for (var level = 1; level <= depth && going.Count > 0; level++)
        {
            var next = new List<(string[] Path, long Sessions, string Node)>();
            foreach (var node in going.GroupBy(p => p.Node))
            {
                var exits = node.Where(p => p.Path.Length <= level).Sum(p => p.Sessions);
                var onward = node.Where(p => p.Path.Length > level).ToList();
                var shown = ReportLimit.TopTargets(onward.GroupBy(p => p.Path[level]).Select(g => (g.Key, g.Sum(p => p.Sessions))));
                // Past the limit the last entry is (other): the sessions of every other target.
                var named = shown.Take(ReportLimit.Targets).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                links.AddRange(shown.Select(t => new PathLink(level, node.Key, t.Name, t.Count)));
                if (exits > 0)
                {
                    links.Add(new PathLink(level, node.Key, Exit, exits));
                }

                next.AddRange(onward.Select(p => (p.Path, p.Sessions, named.Contains(p.Path[level]) ? p.Path[level] : ReportLimit.Other)));
            }

            going = next;
        }

        return [.. links.OrderBy(l => l.Level).ThenByDescending(l => l.Sessions).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal)];
    }
}
