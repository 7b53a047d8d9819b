using Tracking.Reports.Shared;

namespace Tracking.Reports.Breakdown;

/// <summary>
/// A breakdown request: the top <see cref="Limit"/> values of a dimension by <see cref="Sort"/>, and with
/// <see cref="Other"/> the rest summed as one (other) row.
/// </summary>
public sealed record BreakdownQuery(BreakdownDimension By, BreakdownSort Sort, int Limit, bool Other, SessionQuery Sessions)
{
    public const string OtherValue = ReportLimit.Other;
}
