using System.Text.Json.Serialization;

namespace Tracking.Reports.Timeseries;

/// <summary>
/// One bucket: its start (ISO 8601 with the time zone's offset) and the metrics asked for; the others are
/// left out of the JSON. A session counts in the bucket of its first event. Rates are fractions 0..1.
/// </summary>
public sealed record TimeseriesPoint(
    string Time,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Sessions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Visitors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Bounces,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BounceRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Leads,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LeadRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MedianDurationSeconds);

/// <summary>The time series' HTTP answer.</summary>
public sealed record TimeseriesResponse(string Interval, string TimeZone, IReadOnlyList<TimeseriesPoint> Points);
