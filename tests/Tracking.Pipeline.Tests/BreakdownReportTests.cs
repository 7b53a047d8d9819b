using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

[Collection(LandingDatasetCollection.Name)]
public sealed class BreakdownReportTests(LandingReportFixture fixture)
{
    /// <summary>Each dimension's value of a generated session, as the generator decided it.</summary>
    private static readonly Dictionary<string, Func<GeneratedSession, string>> Dimensions = new()
    {
        ["keyword"] = s => s.ExpectedKeyword,
        ["page"] = s => s.LandingPage,
        ["source"] = s => s.ExpectedSource,
        ["device"] = s => s.Device,
        ["searchEngine"] = s => s.ExpectedSearchEngine,
    };

    public static TheoryData<string> DimensionNames => [.. Dimensions.Keys];

    [Theory]
    [MemberData(nameof(DimensionNames))]
    public async Task Every_value_of_every_dimension_has_its_sessions_figures(string by)
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var expected = Expected(counted, Dimensions[by]);
        var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by={by}&{ReportClient.Range(fixture.From, fixture.To)}");

        Assert.Equal(by, (string)answer["by"]!);
        Assert.Equal(expected.Count, (long)answer["total"]!);
        AssertRow(answer["all"]!.AsObject(), "(all)", ExpectedReport.Of(counted));
        var rows = Rows(answer);
        Assert.Equal(expected.Select(e => e.Value), rows.Select(r => (string)r["value"]!));
        foreach (var (value, want) in expected)
        {
            AssertRow(rows.Single(r => (string)r["value"]! == value), value, want);
        }
    }

    [Fact]
    public async Task Values_past_the_limit_are_summed_as_one_other_row()
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var expected = Expected(counted, s => s.ExpectedKeyword);
        var top = expected.Take(3).Select(e => e.Value).ToHashSet();
        var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by=keyword&limit=3&other=true&{ReportClient.Range(fixture.From, fixture.To)}");

        var rows = Rows(answer);
        Assert.Equal([.. expected.Take(3).Select(e => e.Value), "(other)"], rows.Select(r => (string)r["value"]!));
        AssertRow(rows[^1], "(other)", ExpectedReport.Of(counted.Where(s => !top.Contains(s.ExpectedKeyword))));
        Assert.Equal(expected.Count, (long)answer["total"]!);

        var plain = Rows(await ReportClient.GetAsync(fixture.Host, $"breakdown?by=keyword&limit=3&{ReportClient.Range(fixture.From, fixture.To)}"));
        Assert.Equal(expected.Take(3).Select(e => e.Value), plain.Select(r => (string)r["value"]!));
    }

    [Fact]
    public async Task Rows_sort_by_the_metric_asked_for()
    {
        var counted = ExpectedReport.Counted(fixture.Dataset.Sessions, fixture.From, fixture.To).ToList();
        var expected = counted.GroupBy(s => s.LandingPage).Select(g => (Value: g.Key, Row: ExpectedReport.Of(g)))
            .OrderByDescending(e => e.Row.LeadRate).ThenBy(e => e.Value, StringComparer.Ordinal).Take(2);
        var rows = Rows(await ReportClient.GetAsync(fixture.Host, $"breakdown?by=page&sort=leadRate&limit=2&{ReportClient.Range(fixture.From, fixture.To)}"));
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
            var expected = Expected(counted, Dimensions[by]);
            var answer = await ReportClient.GetAsync(fixture.Host, $"breakdown?by={by}&{ReportClient.Range(fixture.From, fixture.To)}&{filter.Query}");
            AssertRow(answer["all"]!.AsObject(), "(all)", ExpectedReport.Of(counted));
            var rows = Rows(answer);
            Assert.Equal(expected.Select(e => e.Value), rows.Select(r => (string)r["value"]!));
            foreach (var (value, want) in expected)
            {
                AssertRow(rows.Single(r => (string)r["value"]! == value), value, want);
            }
        }
    }

    /// <summary>Values by sessions, most first, ties A to Z (ordinal, as ClickHouse compares strings).</summary>
    private static List<(string Value, ExpectedReport.Row Row)> Expected(IEnumerable<GeneratedSession> sessions, Func<GeneratedSession, string> value) =>
        [.. sessions.GroupBy(value).Select(g => (Value: g.Key, Row: ExpectedReport.Of(g)))
            .OrderByDescending(e => e.Row.Sessions).ThenBy(e => e.Value, StringComparer.Ordinal)];

    private static List<JsonObject> Rows(JsonObject answer) => [.. answer["rows"]!.AsArray().Select(r => r!.AsObject())];

    private static void AssertRow(JsonObject row, string value, ExpectedReport.Row want)
    {
        Assert.Equal(value, (string)row["value"]!);
        Assert.True(want.Sessions == (long)row["sessions"]!, $"{value}: sessions {want.Sessions} != {row["sessions"]}");
        Assert.True(want.Visitors == (long)row["visitors"]!, $"{value}: visitors {want.Visitors} != {row["visitors"]}");
        Assert.True(want.Bounces == (long)row["bounces"]!, $"{value}: bounces {want.Bounces} != {row["bounces"]}");
        Assert.True(want.Leads == (long)row["leads"]!, $"{value}: leads {want.Leads} != {row["leads"]}");
        Assert.Equal(want.BounceRate, (double)row["bounceRate"]!, 9);
        Assert.Equal(want.LeadRate, (double)row["leadRate"]!, 9);
        Assert.Equal(want.MedianDurationSeconds, (double)row["medianDurationSeconds"]!, 3);
    }
}
