namespace Tracking.Reports.Shared;

/// <summary>
/// Segment of an account (docs/definitions.md): <c>big</c> when its trait <see cref="Trait"/> is at least
/// <see cref="BigFrom"/>, <c>small</c> below, <c>unknown</c> without it. Configuration Reports:Segments.
/// </summary>
public sealed class SegmentOptions
{
    public const string Section = "Reports:Segments";

    public const string Big = "big";
    public const string Small = "small";
    public const string Unknown = "unknown";

    /// <summary>The account trait that decides the segment (a number, or a string holding one).</summary>
    public string Trait { get; set; } = "employees";

    /// <summary>The trait's least value of a big account.</summary>
    public double BigFrom { get; set; } = 200;
}
