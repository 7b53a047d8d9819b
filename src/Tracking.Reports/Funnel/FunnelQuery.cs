using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>
/// A funnel request: its steps (or the key path whose steps they are), the range units enter in, the
/// window, the unit, the order and the breakdown (null for none) with how its values are sorted and how many are listed.
/// </summary>
public sealed record FunnelQuery(
    IReadOnlyList<FunnelStep> Steps,
    string? KeyPath,
    ReportRange Range,
    TimeSpan Window,
    FunnelUnit Unit,
    FunnelOrder Order,
    FunnelBreakdown? Breakdown,
    FunnelSort Sort = FunnelSort.Entered,
    int Limit = FunnelQuery.DefaultLimit)
{
    public const int MinSteps = 2;
    public const int MaxSteps = 10;

    /// <summary>How many breakdown values the answer lists before summing the rest as (other), unless limit says.</summary>
    public const int DefaultLimit = 50;

    public const int MaxLimit = 10_000;

    public const string OtherValue = "(other)";
}
