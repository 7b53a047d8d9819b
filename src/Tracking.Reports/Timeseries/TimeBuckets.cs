namespace Tracking.Reports.Timeseries;

/// <summary>
/// The buckets of a range in a time zone: every hour or local calendar day that overlaps [from, to), by
/// its start. ClickHouse buckets sessions with the same rule (toStartOfHour / toStartOfDay in the zone);
/// listing them here is what makes empty buckets appear as zeros.
/// </summary>
public static class TimeBuckets
{
    public static List<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, TimeseriesInterval interval, TimeZoneInfo zone)
    {
        var buckets = new List<DateTimeOffset>();
        for (var start = Floor(from, interval, zone); start < to; start = Next(start, interval, zone))
        {
            buckets.Add(start);
        }

        return buckets;
    }

    /// <summary>The start of the bucket holding <paramref name="time"/>, as an instant with the zone's offset.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeseriesInterval interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        if (interval == TimeseriesInterval.Hour)
        {
            // Whole hours of the local clock, also in zones whose offset is not whole hours.
            return local.AddTicks(-(local.TimeOfDay.Ticks % TimeSpan.TicksPerHour));
        }

        return AtLocal(local.Date, zone);
    }

    private static DateTimeOffset Next(DateTimeOffset start, TimeseriesInterval interval, TimeZoneInfo zone) =>
        interval == TimeseriesInterval.Hour
            ? TimeZoneInfo.ConvertTime(start.AddHours(1), zone)
            : AtLocal(TimeZoneInfo.ConvertTime(start, zone).Date.AddDays(1), zone);

    // Local midnight as an instant; where a clock change skips midnight, the day starts at the first valid time.
    private static DateTimeOffset AtLocal(DateTime localDate, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local));
    }
}
