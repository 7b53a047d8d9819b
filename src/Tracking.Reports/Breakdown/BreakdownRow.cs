using Tracking.Reports.Shared;

namespace Tracking.Reports.Breakdown;

/// <summary>One value of a breakdown and its sessions' figures. Rates are fractions 0..1 of <see cref="Sessions"/>.</summary>
public sealed record BreakdownRow(
    string Value,
    long Sessions,
    long Visitors,
    long Bounces,
    double BounceRate,
    long Leads,
    double LeadRate,
    double MedianDurationSeconds)
{
    public static BreakdownRow Of(string value, SessionFigures figures) =>
        new(value, figures.Sessions, figures.Visitors, figures.Bounces, figures.BounceRate, figures.Leads, figures.LeadRate, figures.MedianDurationSeconds);
}

/// <summary>
/// The breakdown's HTTP answer: how many values there are in all (<see cref="Total"/>), the figures of all
/// sessions together (<see cref="All"/>, value "(all)"), and the rows.
/// </summary>
public sealed record BreakdownResponse(string By, long Total, BreakdownRow All, IReadOnlyList<BreakdownRow> Rows);
