using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>An event the test generated, with the session it belongs to by construction.</summary>
public sealed record GeneratedEvent(string MessageId, string Visitor, int SessionIndex, DateTimeOffset Timestamp, string Type, string? Name, JsonObject Json);
