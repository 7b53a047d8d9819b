namespace Tracking.Reports.Landing;

/// <summary>One row of the landing report. Rates are fractions 0..1 of <see cref="Sessions"/>.</summary>
public sealed record LandingReportRow(
    string? Keyword,
    string? Page,
    long Sessions,
    long Visitors,
    long Bounces,
    double BounceRate,
    long Leads,
    double LeadRate,
    double MedianDurationSeconds);
