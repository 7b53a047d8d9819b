using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A breakdown report computed from the generated sessions, and the check of an answer against it.</summary>
public static class ExpectedBreakdown
{
    /// <summary>Each dimension's value of a generated session, as the generator decided it.</summary>
    public static readonly IReadOnlyDictionary<string, Func<GeneratedSession, string>> Dimensions = new Dictionary<string, Func<GeneratedSession, string>>
    {
        ["keyword"] = s => s.ExpectedKeyword,
        ["page"] = s => s.LandingPage,
        ["source"] = s => s.ExpectedSource,
        ["device"] = s => s.Device,
        ["searchEngine"] = s => s.ExpectedSearchEngine,
    };

    /// <summary>Values by sessions, most first, ties A to Z (ordinal, as ClickHouse compares strings).</summary>
    public static List<(string Value, ExpectedReport.Row Row)> Of(IEnumerable<GeneratedSession> sessions, Func<GeneratedSession, string> value) =>
        [.. sessions.GroupBy(value).Select(g => (Value: g.Key, Row: ExpectedReport.Of(g)))
            .OrderByDescending(e => e.Row.Sessions).ThenBy(e => e.Value, StringComparer.Ordinal)];

    /// <summary>The answer has the row of all <paramref name="counted"/> sessions and one row per value of <paramref name="by"/>, in order, each with its figures.</summary>
    public static void AssertAnswer(JsonObject answer, IReadOnlyCollection<GeneratedSession> counted, string by)
    {
        var expected = Of(counted, Dimensions[by]);
        AssertRow(answer["all"]!.AsObject(), "(all)", ExpectedReport.Of(counted));
        var rows = Rows(answer);
        Assert.Equal(expected.Select(e => e.Value), rows.Select(r => (string)r["value"]!));
        foreach (var (value, want) in expected)
        {
            AssertRow(rows.Single(r => (string)r["value"]! == value), value, want);
        }
    }

    public static List<JsonObject> Rows(JsonObject answer) => [.. answer["rows"]!.AsArray().Select(r => r!.AsObject())];

    public static void AssertRow(JsonObject row, string value, ExpectedReport.Row want)
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
