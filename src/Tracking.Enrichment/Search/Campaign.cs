namespace Tracking.Enrichment;

/// <summary>UTM campaign fields (Segment's context.campaign); null when absent or blank.</summary>
public readonly record struct Campaign(string? Source, string? Medium, string? Name, string? Term, string? Content);
