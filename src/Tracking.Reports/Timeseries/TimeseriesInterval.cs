namespace Tracking.Reports.Timeseries;

/// <summary>The width of a time-series bucket: an hour or a calendar day of the report's time zone.</summary>
public enum TimeseriesInterval
{
    Hour,
    Day,
}
