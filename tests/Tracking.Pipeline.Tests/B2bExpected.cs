using System.Globalization;
using System.Text.Json.Nodes;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// The account figures of a generated B2B dataset computed here, from the events sent, straight from the
/// definitions (docs/definitions.md: Account, Usage events, Feature, Segment, Churn risk) with LINQ, never from the
/// product's SQL or output.
/// </summary>
internal sealed class B2bExpected
{
    private static readonly string[] SystemEvents = ["page_leave", "heartbeat"];

    public B2bExpected(IEnumerable<JsonObject> events, IReadOnlyDictionary<string, string> aliases, string segmentTrait = "employees", double bigFrom = 200)
    {
        // Parsed back from text, as the collector sees them (numbers and strings as JSON has them).
        var all = events.Select(e => Parse(JsonNode.Parse(e.ToJsonString())!.AsObject())).ToList();
        Groups = all.Where(e => e.Type == "group").ToList();
        Accounts = Groups.GroupBy(g => g.GroupId!).ToDictionary(
            g => g.Key,
            g =>
            {
                var latest = g.OrderBy(c => c.Time).Last();
                var traits = latest.Traits ?? [];
                return new Account(g.Key, g.Min(c => c.Time), traits, SegmentOf(traits, segmentTrait, bigFrom));
            });
        Usage = all.Where(e => e.Type == "track" && !SystemEvents.Contains(e.Name))
            .Select(e => e with { Account = AccountOf(e), Feature = aliases.GetValueOrDefault(e.Name!, e.Name!) })
            .Where(e => e.Account is not null)
            .ToList();
    }

    public List<Event> Groups { get; }

    public Dictionary<string, Account> Accounts { get; }

    /// <summary>Usage events with their account and feature.</summary>
    public List<Event> Usage { get; }

    public string SegmentOf(string account) => Accounts.TryGetValue(account, out var a) ? a.Segment : "unknown";

    /// <summary>groupId, else context.groupId, else the account of the user's latest group call strictly before the event.</summary>
    private string? AccountOf(Event e) =>
        e.GroupId ?? e.ContextGroupId ?? (e.UserId is null
            ? null
            : Groups.Where(g => g.UserId == e.UserId && g.Time < e.Time).OrderBy(g => g.Time).LastOrDefault()?.GroupId);

    private static string SegmentOf(JsonObject traits, string trait, double bigFrom)
    {
        double? value = traits[trait] switch
        {
            JsonValue v when v.TryGetValue<double>(out var d) => d,
            JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return value is null ? "unknown" : value >= bigFrom ? "big" : "small";
    }

    /// <summary>The risk level straight from the definition, in exact decimal arithmetic.</summary>
    public static string Risk(long recent, long baseline)
    {
        if (recent == 0 && baseline == 0)
        {
            return "dormant";
        }

        if (baseline == 0)
        {
            return "new";
        }

        // recent / 14 <= f * baseline / 28, both sides times 14 * 28 (no rounding at the thresholds).
        var recentRate = recent * 28m;
        var baselineRate = baseline * 14m;
        return recentRate <= 0.5m * baselineRate ? "high" : recentRate <= 0.8m * baselineRate ? "medium" : "low";
    }

    private static Event Parse(JsonObject e)
    {
        string? Text(JsonNode? node) => node?.GetValue<string>() is { Length: > 0 } s ? s : null;
        return new Event(
            e["type"]!.GetValue<string>(),
            Text(e["event"]),
            Text(e["userId"]),
            Text(e["anonymousId"]),
            Text(e["groupId"]),
            Text(e["context"]?["groupId"]),
            DateTimeOffset.Parse(e["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            e["properties"]?.AsObject(),
            e["traits"]?.AsObject(),
            null,
            null);
    }

    public sealed record Event(
        string Type,
        string? Name,
        string? UserId,
        string? AnonymousId,
        string? GroupId,
        string? ContextGroupId,
        DateTimeOffset Time,
        JsonObject? Properties,
        JsonObject? Traits,
        string? Account,
        string? Feature)
    {
        /// <summary>The user of the account the event counts for: userId, else anonymousId.</summary>
        public string User => UserId ?? AnonymousId!;
    }

    public sealed record Account(string Id, DateTimeOffset FirstSeen, JsonObject Traits, string Segment)
    {
        public string Name => Traits["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : Id;
    }
}
