namespace Tracking.Reports.Shared;

/// <summary>What the account reports read from configuration (section "Reports").</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Which account trait decides an account's size segment, and from what value it is big.</summary>
    public SegmentOptions Segments { get; set; } = new();

    /// <summary>Feature aliases: a usage event's name → the feature it counts for (names not listed are features themselves).</summary>
    public Dictionary<string, string> Features { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Reports:Segments: an account is big when its trait <see cref="Trait"/> is at least <see cref="BigFrom"/>.</summary>
public sealed class SegmentOptions
{
    public string Trait { get; set; } = "employees";

    public double BigFrom { get; set; } = 200;
}
