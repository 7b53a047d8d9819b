using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/features over the generated B2B dataset against the test's own computation.</summary>
[Collection(AccountsDatasetCollection.Name)]
public sealed class FeaturesReportTests(AccountsFixture fixture)
{
    private static readonly string[] SegmentNames = ["big", "small", "unknown"];

    [Theory]
    [InlineData(42, null, 0)]
    [InlineData(14, null, 0)]
    [InlineData(42, "big", 0)]
    [InlineData(42, "unknown", 0)]
    [InlineData(3, null, (-3 * 24 * 60) + 25)] // to 25 minutes into the late joiner's hour, with events before and after it
    public async Task Each_feature_has_its_accounts_users_events_and_shares(int days, string? segment, int minutesAfterTo)
    {
        var to = fixture.To.AddMinutes(minutesAfterTo);
        var from = to.AddDays(-days);
        var answer = await ReportClient.GetAsync(fixture.Host, $"features?{ReportClient.Range(from, to)}&limit=10000" + (segment is null ? string.Empty : $"&segment={segment}"));
        var usage = fixture.Expected.Usage
            .Where(e => e.Time >= from && e.Time < to && (segment is null || fixture.Expected.SegmentOf(e.Account!) == segment))
            .ToList();
        var active = usage.Select(e => e.Account!).Distinct().ToList();
        var activeBySegment = SegmentNames.ToDictionary(s => s, s => active.Count(a => fixture.Expected.SegmentOf(a) == s));
        Assert.Equal(active.Count, (long)answer["activeAccounts"]!);
        foreach (var s in SegmentNames)
        {
            Assert.Equal(activeBySegment[s], (long)answer["activeAccountsBySegment"]![s]!);
        }

        var expected = usage.GroupBy(e => e.Feature!)
            .Select(g => (Feature: g.Key, Accounts: g.Select(e => e.Account).Distinct().ToList(), Users: g.Select(e => e.User).Distinct().Count(), Events: g.Count()))
            .OrderByDescending(f => f.Accounts.Count).ThenBy(f => f.Feature, StringComparer.Ordinal)
            .ToList();
        var rows = answer["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(expected.Count, (long)answer["total"]!);
        Assert.Equal(expected.Select(f => f.Feature), rows.Select(r => (string)r["feature"]!));
        Assert.Contains("report_exported", rows.Select(r => (string)r["feature"]!));
        Assert.DoesNotContain("export_v2", rows.Select(r => (string)r["feature"]!));
        foreach (var (want, row) in expected.Zip(rows))
        {
            Assert.Equal(want.Accounts.Count, (long)row["accounts"]!);
            Assert.Equal(want.Users, (long)row["users"]!);
            Assert.Equal(want.Events, (long)row["events"]!);
            Assert.Equal((double)want.Accounts.Count / active.Count, (double)row["accountShare"]!, 9);
            foreach (var s in SegmentNames)
            {
                var inSegment = want.Accounts.Count(a => fixture.Expected.SegmentOf(a!) == s);
                Assert.Equal(inSegment, (long)row["bySegment"]![s]!["accounts"]!);
                Assert.Equal(activeBySegment[s] == 0 ? 0 : (double)inSegment / activeBySegment[s], (double)row["bySegment"]![s]!["accountShare"]!, 9);
            }
        }
    }

    [Fact]
    public async Task Sort_and_limit_bound_the_rows()
    {
        var range = ReportClient.Range(fixture.To.AddDays(-42), fixture.To);
        var all = (await ReportClient.GetAsync(fixture.Host, $"features?{range}&sort=events"))["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(all.OrderByDescending(r => (long)r["events"]!).ThenBy(r => (string)r["feature"]!, StringComparer.Ordinal).Select(r => (string)r["feature"]!), all.Select(r => (string)r["feature"]!));
        var limited = await ReportClient.GetAsync(fixture.Host, $"features?{range}&sort=name&limit=2");
        Assert.Equal(all.Count, (long)limited["total"]!);
        Assert.Equal(all.Select(r => (string)r["feature"]!).Order(StringComparer.Ordinal).Take(2), limited["rows"]!.AsArray().Select(r => (string)r!["feature"]!));
    }
}
