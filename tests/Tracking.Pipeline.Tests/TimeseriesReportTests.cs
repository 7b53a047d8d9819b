using System.Globalization;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

[Collection(LandingDatasetCollection.Name)]
public sealed class TimeseriesReportTests(LandingReportFixture fixture)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("", 0)]
    [InlineData("&tz=Asia/Shanghai", 8)]
    public async Task Day_buckets_hold_the_sessions_that_started_on_that_day_of_the_time_zone(string tz, int offsetHours)
    {
        var offset = TimeSpan.FromHours(offsetHours);
        var from = fixture.From.AddDays(-2);
        var points = await PointsAsync($"interval=day&{ReportClient.Range(from, fixture.To)}{tz}");

        // The local day of each session, computed here from the fixed offset (Shanghai has no daylight saving time).
        var expected = ExpectedReport.Counted(fixture.Dataset.Sessions, from, fixture.To)
            .GroupBy(s => LocalDayStart(s.Start, offset))
            .ToDictionary(g => g.Key, g => ExpectedReport.Of(g));
        var firstDay = LocalDayStart(from, offset);
        var days = (int)((LocalDayStart(fixture.To.AddTicks(-1), offset) - firstDay).TotalDays) + 1;
        Assert.Equal(days, points.Count);
        for (var i = 0; i < days; i++)
        {
            var day = firstDay.AddDays(i);
            var time = offsetHours == 0 ? day.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : day.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);
            AssertPoint(points[i], time, expected.GetValueOrDefault(day, ExpectedReport.Of([])));
        }

        Assert.Contains(points, p => (long)p["sessions"]! == 0);
    }

    [Fact]
    public async Task Shanghai_days_differ_from_UTC_days_on_this_dataset()
    {
        // Otherwise the time-zone case above would pass with UTC buckets.
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        Assert.Contains(counted, s => s.Start.UtcDateTime.Date != s.Start.ToOffset(Shanghai).Date);
        var utc = await PointsAsync($"interval=day&{ReportClient.Range(fixture.From, fixture.To)}");
        var shanghai = await PointsAsync($"interval=day&{ReportClient.Range(fixture.From, fixture.To)}&tz=Asia/Shanghai");
        Assert.NotEqual(utc.Select(p => (long)p["sessions"]!), shanghai.Select(p => (long)p["sessions"]!));
    }

    [Fact]
    public async Task Hour_buckets_carry_every_metric_and_empty_hours_are_zeros()
    {
        var from = fixture.From.AddHours(-4);
        var to = fixture.To;
        var points = await PointsAsync($"interval=hour&metrics=sessions,visitors,bounces,bounceRate,leads,leadRate,medianDurationSeconds&{ReportClient.Range(from, to)}");
        var firstHour = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero);
        var expected = ExpectedReport.Counted(fixture.Dataset.Sessions, from, to)
            .GroupBy(s => new DateTimeOffset(s.Start.UtcDateTime.Date.AddHours(s.Start.UtcDateTime.Hour), TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => ExpectedReport.Of(g));
        Assert.Equal((int)Math.Ceiling((to - firstHour).TotalHours), points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var hour = firstHour.AddHours(i);
            var want = expected.GetValueOrDefault(hour, ExpectedReport.Of([]));
            AssertPoint(points[i], hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), want);
            Assert.Equal(want.Bounces, (long)points[i]["bounces"]!);
            Assert.Equal(want.MedianDurationSeconds, (double)points[i]["medianDurationSeconds"]!, 3);
        }

        // Sessions start from an hour before the fixture's range: the hours before that are empty.
        Assert.Equal(0, (long)points[0]["sessions"]!);
        Assert.Equal(0, (double)points[0]["bounceRate"]!);
    }

    [Fact]
    public async Task Only_the_metrics_asked_for_are_in_a_point()
    {
        var points = await PointsAsync($"interval=day&metrics=leads&{ReportClient.Range(fixture.From, fixture.To)}");
        Assert.All(points, p => Assert.Equal(["time", "leads"], p.Select(kv => kv.Key)));
    }

    [Theory]
    [MemberData(nameof(SessionFilter.Names), MemberType = typeof(SessionFilter))]
    public async Task Every_filter_narrows_every_bucket(string filterName)
    {
        var filter = SessionFilter.Named(filterName);
        var points = await PointsAsync($"interval=hour&{ReportClient.Range(fixture.From, fixture.To)}&{filter.Query}");
        var expected = ExpectedReport.Counted(fixture.Dataset.Sessions.Where(filter.Matches), fixture.From, fixture.To)
            .GroupBy(s => new DateTimeOffset(s.Start.UtcDateTime.Date.AddHours(s.Start.UtcDateTime.Hour), TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => ExpectedReport.Of(g));
        foreach (var point in points)
        {
            var hour = DateTimeOffset.Parse((string)point["time"]!, CultureInfo.InvariantCulture);
            AssertPoint(point, (string)point["time"]!, expected.GetValueOrDefault(hour, ExpectedReport.Of([])));
        }

        Assert.Equal(expected.Values.Sum(r => r.Sessions), points.Sum(p => (long)p["sessions"]!));
    }

    private static DateTimeOffset LocalDayStart(DateTimeOffset time, TimeSpan offset) =>
        new DateTimeOffset(time.ToOffset(offset).Date, offset).ToUniversalTime();

    private static void AssertPoint(JsonObject point, string time, ExpectedReport.Row want)
    {
        Assert.Equal(time, (string)point["time"]!);
        Assert.True(want.Sessions == (long)point["sessions"]!, $"{time}: sessions {want.Sessions} != {point["sessions"]}");
        Assert.True(want.Visitors == (long)point["visitors"]!, $"{time}: visitors {want.Visitors} != {point["visitors"]}");
        Assert.True(want.Leads == (long)point["leads"]!, $"{time}: leads {want.Leads} != {point["leads"]}");
        Assert.Equal(want.BounceRate, (double)point["bounceRate"]!, 9);
        Assert.Equal(want.LeadRate, (double)point["leadRate"]!, 9);
    }

    private async Task<List<JsonObject>> PointsAsync(string query)
    {
        var answer = await ReportClient.GetAsync(fixture.Host, "timeseries?" + query);
        return answer["points"]!.AsArray().Select(p => p!.AsObject()).ToList();
    }
}
