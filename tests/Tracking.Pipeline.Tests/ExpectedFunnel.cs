using System.Globalization;
using System.Text.RegularExpressions;

namespace Tracking.Pipeline.Tests;

/// <summary>A step the expectation matches events against: page path (with * wildcards) or track event name, plus properties.</summary>
public sealed record ExpectedStep(string Text, string Type, string Value, IReadOnlyDictionary<string, string> Properties)
{
    public static ExpectedStep Page(string path) => new("page:" + path, "page", path, new Dictionary<string, string>());

    public static ExpectedStep Event(string name, params (string Key, string Value)[] properties) =>
        new("event:" + name + (properties.Length == 0 ? string.Empty : "{" + string.Join(",", properties.Select(p => p.Key + "=" + p.Value)) + "}"),
            "track", name, properties.ToDictionary(p => p.Key, p => p.Value));

    public bool Matches(FunnelEvent e) =>
        e.Type == Type
        && (Type == "page" ? Regex.IsMatch(e.PagePath ?? string.Empty, "^" + string.Join(".*", Value.Split('*').Select(Regex.Escape)) + "$", RegexOptions.Singleline) : e.Name == Value)
        && Properties.All(p => e.Properties.TryGetValue(p.Key, out var v) && v == p.Value);
}

/// <summary>One step's figures as the definition gives them.</summary>
public sealed record ExpectedStepFigures(long Count, double ConversionFromFirst, double? ConversionFromPrevious, double? MedianSecondsFromPrevious);

/// <summary>
/// The funnel of the definition (docs/definitions.md), computed from the generated events by brute force, not
/// as the report does it: identities stitched from the links, sessions split by hand, accounts from group
/// calls, every chain of every entering event searched (memoized), the best chain chosen as the definition says.
/// </summary>
public sealed class ExpectedFunnel
{
    private static readonly TimeSpan Inactivity = TimeSpan.FromMinutes(30);

    private readonly List<FunnelEvent> _events;
    private readonly Dictionary<string, string> _links;
    private readonly Dictionary<string, string> _sessions = [];
    private ILookup<string, FunnelEvent>? _groupCalls;

    public ExpectedFunnel(IEnumerable<FunnelEvent> events)
    {
        // Each messageId once (the dataset's resends are copies).
        _events = events.GroupBy(e => e.MessageId).Select(g => g.First()).ToList();
        _links = _events
            .Where(e => e.UserId is not null)
            .SelectMany(e => new[] { e.AnonymousId, e.Type == "alias" ? e.PreviousId : null }.OfType<string>().Select(anonymous => (anonymous, e)))
            .GroupBy(l => l.anonymous)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.e.Time).ThenBy(l => l.e.MessageId, StringComparer.Ordinal).First().e.UserId!);

        // Server-side sessions: per raw visitor (anonymousId, else userId), a gap of 30 minutes or more starts the next.
        foreach (var visitor in _events.Where(e => e.SessionId is null).GroupBy(e => e.AnonymousId ?? e.UserId!))
        {
            var index = 0;
            DateTimeOffset? last = null;
            foreach (var e in visitor.OrderBy(e => e.Time).ThenBy(e => e.MessageId, StringComparer.Ordinal))
            {
                if (last is { } previous && e.Time - previous >= Inactivity)
                {
                    index++;
                }

                _sessions[e.MessageId] = $"{visitor.Key}#{index}";
                last = e.Time;
            }
        }
    }

    public string Visitor(FunnelEvent e) => e.UserId ?? (_links.TryGetValue(e.AnonymousId!, out var user) ? user : e.AnonymousId!);

    public string RawVisitor(FunnelEvent e) => e.AnonymousId ?? e.UserId!;

    public string Session(FunnelEvent e) => e.SessionId ?? _sessions[e.MessageId];

    /// <summary>groupId, else context.groupId, else the group of the visitor's latest group call strictly before.</summary>
    public string? Account(FunnelEvent e)
    {
        _groupCalls ??= _events.Where(g => g.Type == "group").ToLookup(Visitor);
        return e.GroupId ?? e.ContextGroupId ?? _groupCalls[Visitor(e)]
            .Where(g => g.Time < e.Time)
            .OrderBy(g => g.Time).ThenBy(g => g.MessageId, StringComparer.Ordinal)
            .LastOrDefault()?.GroupId;
    }

    public string Segment(string? account)
    {
        var latest = _events.Where(g => g.Type == "group" && g.GroupId == account)
            .OrderBy(g => g.Time).ThenBy(g => g.MessageId, StringComparer.Ordinal).LastOrDefault();
        return latest?.Employees is { Length: > 0 } employees
            ? double.Parse(employees, CultureInfo.InvariantCulture) >= 200 ? "big" : "small"
            : "unknown";
    }

    /// <summary>
    /// ClickHouse's cityHash64 of the page views' message ids, by which the session model breaks a tie of the
    /// same millisecond (asked of the engine: the test does not port the hash).
    /// </summary>
    public IReadOnlyDictionary<string, ulong> PageIdHashes { get; init; } = new Dictionary<string, ulong>();

    /// <summary>The keyword of the session's first page view ("(none)" without one); ties by the hash of the message id.</summary>
    public string SessionKeyword(string session) =>
        _events.Where(e => e.Type == "page" && Session(e) == session)
            .OrderBy(e => e.Time).ThenBy(e => PageIdHashes[e.MessageId])
            .FirstOrDefault()?.Keyword ?? "(none)";

    /// <summary>
    /// The figures over all units, and per breakdown value when <paramref name="breakdown"/> maps an entering
    /// event to its value (top <paramref name="topValues"/> values by <paramref name="sort"/>: entering units, units reaching
    /// the last step, or none, then A to Z; the rest as (other)).
    /// </summary>
    public (IReadOnlyList<ExpectedStepFigures> All, IReadOnlyList<(string Value, IReadOnlyList<ExpectedStepFigures> Steps)> Breakdowns) Compute(
        IReadOnlyList<ExpectedStep> steps,
        string unit,
        bool strict,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan window,
        Func<FunnelEvent, string>? breakdown = null,
        int topValues = 50,
        string sort = "entered")
    {
        Func<FunnelEvent, string?> unitOf = unit switch
        {
            "visitors" => Visitor,
            "sessions" => Session,
            "accounts" => Account,
            _ => throw new ArgumentOutOfRangeException(nameof(unit)),
        };

        var units = new List<(int Level, long[] GapsMs, string Value)>();
        foreach (var group in _events.Select(e => (Unit: unitOf(e), Event: e)).Where(x => x.Unit is not null).GroupBy(x => x.Unit))
        {
            var ordered = group.Select(x => x.Event).OrderBy(e => e.Time).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();
            var best = BestChain(ordered, steps, strict, from, to, window);
            if (best is { } chain)
            {
                var gaps = chain.Skip(1).Select((e, i) => (long)(e.Time - chain[i].Time).TotalMilliseconds).ToArray();
                units.Add((chain.Count, gaps, breakdown?.Invoke(chain[0]) ?? string.Empty));
            }
        }

        var byValue = units.GroupBy(u => u.Value)
            .OrderByDescending(g => sort switch { "entered" => g.Count(), "converted" => g.Count(u => u.Level == steps.Count), _ => 0 })
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, rank) => (Value: rank < topValues ? g.Key : "(other)", Units: g.ToList()))
            .GroupBy(g => g.Value, g => g.Units)
            .Select(g => (g.Key, (IReadOnlyList<ExpectedStepFigures>)Figures(steps.Count, g.SelectMany(u => u).ToList())))
            .ToList();
        return (Figures(steps.Count, units), breakdown is null ? [] : byValue);
    }

    private static List<ExpectedStepFigures> Figures(int stepCount, List<(int Level, long[] GapsMs, string Value)> units)
    {
        var counts = Enumerable.Range(1, stepCount).Select(k => (long)units.Count(u => u.Level >= k)).ToArray();
        return Enumerable.Range(0, stepCount).Select(k => new ExpectedStepFigures(
            counts[k],
            counts[0] == 0 ? 0 : (double)counts[k] / counts[0],
            k == 0 ? null : counts[k - 1] == 0 ? 0 : (double)counts[k] / counts[k - 1],
            k == 0 || counts[k] == 0 ? null : Median(units.Where(u => u.Level > k).Select(u => u.GapsMs[k - 1] / 1000.0).ToList())))
            .ToList();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>
    /// The best chain of a unit's events in time order: of the entering events reaching the highest level, the
    /// earliest, each later step the earliest match from which that level is still reached. Null when it never enters.
    /// </summary>
    private static List<FunnelEvent>? BestChain(List<FunnelEvent> events, IReadOnlyList<ExpectedStep> steps, bool strict, DateTimeOffset from, DateTimeOffset to, TimeSpan window)
    {
        List<FunnelEvent>? best = null;
        for (var i = 0; i < events.Count; i++)
        {
            var entering = events[i];
            if (!steps[0].Matches(entering) || entering.Time < from || entering.Time >= to)
            {
                continue;
            }

            var deadline = entering.Time + window;
            var memo = new Dictionary<(int, int), int>();

            // The most steps reached when step `reached` is at event j.
            int Reach(int j, int reached)
            {
                if (reached == steps.Count)
                {
                    return reached;
                }

                if (memo.TryGetValue((j, reached), out var known))
                {
                    return known;
                }

                var most = reached;
                foreach (var next in Candidates(j, reached))
                {
                    most = Math.Max(most, Reach(next, reached + 1));
                }

                memo[(j, reached)] = most;
                return most;
            }

            // Events that may be step reached+1 after step `reached` at event j.
            IEnumerable<int> Candidates(int j, int reached)
            {
                for (var n = j + 1; n < events.Count; n++)
                {
                    var candidate = events[n];
                    var fits = steps[reached].Matches(candidate) && candidate.Time > events[j].Time && candidate.Time <= deadline;
                    if (fits)
                    {
                        yield return n;
                    }

                    if (strict)
                    {
                        yield break;
                    }
                }
            }

            var level = Reach(i, 1);
            if (best is null || level > best.Count)
            {
                var chain = new List<FunnelEvent> { entering };
                var at = i;
                while (chain.Count < level)
                {
                    at = Candidates(at, chain.Count).First(n => Reach(n, chain.Count + 1) == level);
                    chain.Add(events[at]);
                }

                best = chain;
            }
        }

        return best;
    }
}
