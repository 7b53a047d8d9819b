using System.Text.Json.Serialization;

namespace Tracking.Reports.Funnel;

/// <summary>
/// The funnel's HTTP answer: the unit, the window in seconds, the steps over all units, and with a
/// breakdown how many values there are in all (<see cref="Total"/>) and the steps per value (by default
/// ordered by step-1 count, at most 50 values, then (other)).
/// </summary>
public sealed record FunnelResponse(
    string Unit,
    long WindowSeconds,
    IReadOnlyList<FunnelStepResult> Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FunnelBreakdownRow>? Breakdowns);

/// <summary>
/// One step's figures: units reaching it, the ratios of that count to step 1's and to the previous step's
/// (0 when that is 0; the previous one null on step 1), and the median seconds from the previous step in the
/// units' best chains (null on step 1 and when no unit reached it).
/// </summary>
public sealed record FunnelStepResult(string Step, long Count, double ConversionFromFirst, double? ConversionFromPrevious, double? MedianSecondsFromPrevious);

public sealed record FunnelBreakdownRow(string Value, IReadOnlyList<FunnelStepResult> Steps);
