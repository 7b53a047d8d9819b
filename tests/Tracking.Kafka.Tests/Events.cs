using System.Text.Json.Nodes;

namespace Tracking.Kafka.Tests;

internal static class Events
{
    /// <summary>Distinct track events whose message ids start with <paramref name="prefix"/>.</summary>
    public static List<JsonObject> Clicks(string prefix, int count) => Enumerable.Range(0, count).Select(i => new JsonObject
    {
        ["type"] = "track",
        ["event"] = "click",
        ["messageId"] = $"{prefix}-{i}",
        ["anonymousId"] = $"visitor-{i % 97}",
    }).ToList();
}
