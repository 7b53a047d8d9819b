using Tracking.Reports.Shared;

namespace Tracking.Reports.Features;

/// <summary>A features report request: usage in the range, optionally of one segment's accounts only.</summary>
public sealed record FeaturesQuery(ReportRange Range, string? Segment, string Sort, int Limit)
{
    /// <summary>accounts, users and events largest first; name A to Z; ties by name.</summary>
    public static readonly string[] Sorts = ["accounts", "users", "events", "name"];
}
