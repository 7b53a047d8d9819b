using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A counted session (not a bot's, started in the range, passing the filter) with its events in time order.</summary>
public sealed record CountedSessionEvents(GeneratedSession Session, IReadOnlyList<GeneratedEvent> Events)
{
    private static readonly string[] SystemEvents = ["page_leave", "heartbeat"];

    public static List<CountedSessionEvents> Of(LandingReportFixture fixture, Func<GeneratedSession, bool>? filter = null)
    {
        var events = fixture.Dataset.Events.ToLookup(e => e.SessionIndex);
        return [.. ExpectedReport.Counted(fixture.Dataset.Sessions.Where(filter ?? (_ => true)), fixture.From, fixture.To)
            .Select(s => new CountedSessionEvents(s, [.. events[s.Index].OrderBy(e => e.Timestamp)]))];
    }

    public IEnumerable<GeneratedEvent> PageViews => Events.Where(e => e.Type == "page");

    /// <summary>The last track event other than system events, or null.</summary>
    public GeneratedEvent? LastInteraction => Events.LastOrDefault(e => e.Type == "track" && !SystemEvents.Contains(e.Name));

    public static string Path(GeneratedEvent e) => (string)e.Json["context"]!["page"]!["path"]!;

    public static JsonNode? Property(GeneratedEvent e, string name) => e.Json["properties"]?[name];

    /// <summary>A numeric property as a double, whether the generator wrote it as a whole number or not.</summary>
    public static double Number(GeneratedEvent e, string name) =>
        double.Parse(Property(e, name)!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
