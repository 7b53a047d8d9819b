using Tracking.Reports.Shared;

namespace Tracking.Reports.Landing;

/// <summary>A landing report request: the sessions asked for, grouped by keyword and/or landing page.</summary>
public sealed record LandingReportQuery(LandingGrouping GroupBy, SessionQuery Sessions);
