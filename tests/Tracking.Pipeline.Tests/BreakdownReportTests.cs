using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

[Collection(LandingDatasetCollection.Name)]
public sealed class BreakdownReportTests(LandingReportFixture fixture)
{
    public static TheoryData<string> DimensionNames => [.. ExpectedBreakdown.Dimensions.Keys];

    [Theory]
    [MemberData(nameof(DimensionNames))]
    public async Task Every_value_of_every_dimension_has_its_sessions_figures(string by)
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by={by}&{ReportClient.Range(fixture.From, fixture.To)}");

        Assert.Equal(by, (string)answer["by"]!);
        Assert.Equal(counted.Select(ExpectedBreakdown.Dimensions[by]).Distinct().Count(), (long)answer["total"]!);
        ExpectedBreakdown.AssertAnswer(answer, counted, by);
    }

    [Fact]
    public async Task Values_past_the_limit_are_summed_as_one_other_row()
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var expected = ExpectedBreakdown.Of(counted, s => s.ExpectedKeyword);
        var top = expected.Take(3).Select(e => e.Value).ToHashSet();
        var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by=keyword&limit=3&other=true&{ReportClient.Range(fixture.From, fixture.To)}");

        var rows = ExpectedBreakdown.Rows(answer);
        Assert.Equal([.. expected.Take(3).Select(e => e.Value), "(other)"], rows.Select(r => (string)r["value"]!));
        ExpectedBreakdown.AssertRow(rows[^1], "(other)", ExpectedReport.Of(counted.Where(s => !top.Contains(s.ExpectedKeyword))));
        Assert.Equal(expected.Count, (long)answer["total"]!);

        var plain = ExpectedBreakdown.Rows(await ReportClient.GetAsync(fixture.Host, $"breakdown?by=keyword&limit=3&{ReportClient.Range(fixture.From, fixture.To)}"));
        Assert.Equal(expected.Take(3).Select(e => e.Value), plain.Select(r => (string)r["value"]!));
    }

    [Fact]
    public async Task Rows_sort_by_the_metric_asked_for()
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var expected = counted.GroupBy(s => s.LandingPage).Select(g => (Value: g.Key, Row: ExpectedReport.Of(g)))
            .OrderByDescending(e => e.Row.LeadRate).ThenBy(e => e.Value, StringComparer.Ordinal).Take(2);
        var rows = ExpectedBreakdown.Rows(await ReportClient.GetAsync(fixture.Host, $"breakdown?by=page&sort=leadRate&limit=2&{ReportClient.Range(fixture.From, fixture.To)}"));
        Assert.Equal(expected.Select(e => e.Value), rows.Select(r => (string)r["value"]!));
    }

    [Theory]
    [MemberData(nameof(SessionFilter.Names), MemberType = typeof(SessionFilter))]
    public async Task Every_filter_narrows_every_breakdown(string filterName)
    {
        var filter = SessionFilter.Named(filterName);
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions.Where(filter.Matches), fixture.From, fixture.To).ToList();
        foreach (var by in new[] { "keyword", "source" })
        {
            var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by={by}&{ReportClient.Range(fixture.From, fixture.To)}&{filter.Query}");
            ExpectedBreakdown.AssertAnswer(answer, counted, by);
        }
    }
}
