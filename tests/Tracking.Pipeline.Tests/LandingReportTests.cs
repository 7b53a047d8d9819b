using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

[Collection(LandingDatasetCollection.Name)]
public sealed class LandingReportTests(LandingReportFixture fixture)
{
    [Theory]
    [InlineData("keyword", true, false)]
    [InlineData("page", false, true)]
    [InlineData("keyword,page", true, true)]
    public async Task Report_rows_match_the_sessions_the_test_generated(string groupBy, bool byKeyword, bool byPage)
    {
        var expected = ExpectedReport.Compute(fixture.Dataset.Sessions, fixture.From, fixture.To, byKeyword, byPage);
        var actual = await GetReportAsync(groupBy, fixture.From, fixture.To);

        Assert.Equal(expected.Count, actual.Count);
        foreach (var want in expected)
        {
            var got = actual.SingleOrDefault(r =>
                (string?)r["keyword"] == want.Keyword && (string?)r["page"] == want.Page);
            Assert.True(got is not null, $"no report row for keyword={want.Keyword} page={want.Page}");
            var label = $"keyword={want.Keyword} page={want.Page}";
            Assert.True(want.Sessions == (long)got["sessions"]!, $"{label}: sessions {want.Sessions} != {got["sessions"]}");
            Assert.True(want.Visitors == (long)got["visitors"]!, $"{label}: visitors {want.Visitors} != {got["visitors"]}");
            Assert.True(want.Bounces == (long)got["bounces"]!, $"{label}: bounces {want.Bounces} != {got["bounces"]}");
            Assert.True(want.Leads == (long)got["leads"]!, $"{label}: leads {want.Leads} != {got["leads"]}");
            Assert.Equal((double)want.Bounces / want.Sessions, (double)got["bounceRate"]!, 9);
            Assert.Equal((double)want.Leads / want.Sessions, (double)got["leadRate"]!, 9);
            Assert.Equal(want.MedianDurationSeconds, (double)got["medianDurationSeconds"]!, 3);
        }
    }

    [Theory]
    [MemberData(nameof(SessionFilter.Names), MemberType = typeof(SessionFilter))]
    public async Task Every_filter_narrows_the_landing_report_to_its_sessions(string filterName)
    {
        var filter = SessionFilter.Named(filterName);
        var expected = ExpectedReport.Compute(fixture.Dataset.Sessions.Where(filter.Matches), fixture.From, fixture.To, true, false);
        var actual = await GetReportAsync("keyword", fixture.From, fixture.To, "&" + filter.Query);
        Assert.Equal(expected.OrderBy(r => r.Keyword, StringComparer.Ordinal).Select(r => (r.Keyword, r.Sessions, r.Leads)), actual.Select(r => ((string?)r["keyword"], (long)r["sessions"]!, (long)r["leads"]!)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        Assert.True(expected.Sum(r => r.Sessions) < ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).Count(), "the filter leaves sessions out");
    }

    [Fact]
    public async Task Dataset_is_large_enough_to_mean_something()
    {
        var inRange = ExpectedReport.Compute(fixture.Dataset.Sessions, fixture.From, fixture.To, false, false).Single();
        Assert.True(fixture.Dataset.Events.Count >= 10_000, $"{fixture.Dataset.Events.Count} events");
        Assert.True(inRange.Sessions >= 1_000, $"{inRange.Sessions} sessions in range");
        Assert.InRange(inRange.Bounces, 100, inRange.Sessions - 100);
        Assert.InRange(inRange.Leads, 100, inRange.Sessions - 100);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_session_belongs_to_the_range_of_its_first_event()
    {
        // Cut the range in the middle: sessions that started before the cut and went on after it count only in the first half.
        var cut = fixture.From.AddHours(10);
        var first = await GetReportAsync("page", fixture.From, cut);
        var second = await GetReportAsync("page", cut, fixture.To);
        var expectedFirst = ExpectedReport.Compute(fixture.Dataset.Sessions, fixture.From, cut, false, true).Sum(r => r.Sessions);
        var expectedSecond = ExpectedReport.Compute(fixture.Dataset.Sessions, cut, fixture.To, false, true).Sum(r => r.Sessions);
        Assert.Equal(expectedFirst, first.Sum(r => (long)r["sessions"]!));
        Assert.Equal(expectedSecond, second.Sum(r => (long)r["sessions"]!));
        Assert.Contains(fixture.Dataset.Sessions, s => !s.IsBot && s.Start < cut && s.End >= cut);
    }

    [Fact]
    public async Task Bot_sessions_are_stored_but_left_out_unless_asked_for()
    {
        var bots = fixture.Dataset.Sessions.Count(s => s.IsBot && s.Start >= fixture.From && s.Start < fixture.To);
        Assert.True(bots > 0);
        var without = (await GetReportAsync("page", fixture.From, fixture.To)).Sum(r => (long)r["sessions"]!);
        var with = (await GetReportAsync("page", fixture.From, fixture.To, "&includeBots=true")).Sum(r => (long)r["sessions"]!);
        Assert.Equal(bots, with - without);
    }

    [Fact]
    public async Task Resent_events_are_stored_once_in_query_results()
    {
        var stored = await ClickHouseHttp.CountAsync(fixture.Host.ClickHouseAddress, $"SELECT count() FROM tracking.events FINAL WHERE anonymous_id != '{LoadMarker.AnonymousId}'");
        Assert.Equal(fixture.Dataset.Events.Count, stored);
    }

    [Fact]
    public async Task Reports_need_the_read_key_and_the_write_key_is_not_one()
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.WriteKey);
        using var response = await http.GetAsync(new Uri("v1/reports/landing?groupBy=page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<List<JsonObject>> GetReportAsync(string groupBy, DateTimeOffset from, DateTimeOffset to, string extra = "") =>
        ReportClient.LandingAsync(fixture.Host, groupBy, from, to, extra);
}
