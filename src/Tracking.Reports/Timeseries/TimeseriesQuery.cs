using Tracking.Reports.Shared;

namespace Tracking.Reports.Timeseries;

/// <summary>A time-series request: the chosen metrics of the sessions asked for, per bucket of a time zone.</summary>
public sealed record TimeseriesQuery(IReadOnlyList<string> Metrics, TimeseriesInterval Interval, TimeZoneInfo Zone, SessionQuery Sessions);
