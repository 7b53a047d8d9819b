using System.Globalization;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/accounts over the generated B2B dataset: every figure and risk level against the test's own computation.</summary>
[Collection(AccountsDatasetCollection.Name)]
public sealed class AccountsReportTests(AccountsFixture fixture)
{
    private B2bExpected Expected => fixture.Expected;

    private DateTimeOffset To => fixture.To;

    [Theory]
    [InlineData(0)]
    [InlineData((-3 * 24 * 60) + 25)] // edges 25 minutes into an hour: the late joiner's events lie on both sides of each
    public async Task Every_account_known_before_to_has_its_figures_and_risk(int minutesAfterTo)
    {
        var to = To.AddMinutes(minutesAfterTo);
        var answer = await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(to)}&limit=10000");
        var rows = Rows(answer);
        var known = Expected.Accounts.Values.Where(a => a.FirstSeen < to).ToList();
        Assert.Equal(known.Count, (long)answer["total"]!);
        Assert.Equal(known.Select(a => a.Id).Order(StringComparer.Ordinal), rows.Select(r => (string)r["account"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rows, r => fixture.Dataset.ShapeOf[(string)r["account"]!] == "late");

        foreach (var row in rows)
        {
            var account = Expected.Accounts[(string)row["account"]!];
            var want = Figures(account.Id, to);
            Assert.Equal(account.Name, (string)row["name"]!);
            Assert.Equal(account.Segment, (string)row["segment"]!);
            Assert.Equal(account.Traits.ToJsonString(), row["traits"]!.ToJsonString());
            Assert.Equal(want.ActiveUsers, (long)row["activeUsers"]!);
            Assert.Equal(want.Recent, (long)row["recentEvents"]!);
            Assert.Equal(want.Baseline, (long)row["baselineEvents"]!);
            Assert.Equal(want.LastSeen, row["lastSeen"] is { } seen ? DateTimeOffset.Parse((string)seen!, CultureInfo.InvariantCulture) : null);
            Assert.Equal(B2bExpected.Risk(want.Recent, want.Baseline), (string)row["churnRisk"]!);
            Assert.Equal(want.TopFeatures, row["topFeatures"]!.AsArray().Select(f => ((string)f!["feature"]!, (long)f["events"]!)).ToList());
            Assert.Equal(want.Daily, row["dailyEvents"]!.AsArray().Select(d => (long)d!).ToList());
        }
    }

    [Fact]
    public async Task The_dataset_has_every_risk_level_and_segment_and_the_thresholds_count_as_reached()
    {
        var rows = Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&limit=10000"));
        Assert.Equal(["dormant", "high", "low", "medium", "new"], rows.Select(r => (string)r["churnRisk"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["big", "small", "unknown"], rows.Select(r => (string)r["segment"]!).Distinct().Order(StringComparer.Ordinal));

        // Exactly half and exactly 0.8 of the baseline rate (the moving user adds to acct-000 and acct-003 only).
        Assert.Contains(rows, r => fixture.Dataset.ShapeOf[(string)r["account"]!] == "at-half" && (long)r["recentEvents"]! * 4 == (long)r["baselineEvents"]! && (string)r["churnRisk"]! == "high");
        Assert.Contains(rows, r => fixture.Dataset.ShapeOf[(string)r["account"]!] == "at-0.8" && (long)r["recentEvents"]! * 5 == (long)r["baselineEvents"]! * 2 && (string)r["churnRisk"]! == "medium");
    }

    [Fact]
    public async Task Reasons_say_in_words_how_far_usage_fell_and_which_features_stopped()
    {
        var rows = Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&limit=10000"));
        foreach (var row in rows)
        {
            var reasons = row["reasons"]!.AsArray().Select(r => (string)r!).ToList();
            var want = Figures((string)row["account"]!, To);
            Assert.NotEmpty(reasons);
            if (want.Baseline > 0 && want.Recent > 0)
            {
                var percent = Math.Round(100m * (want.Recent / 14m) / (want.Baseline / 28m), MidpointRounding.AwayFromZero);
                Assert.Contains(reasons, r => r.Contains($"{percent}% of its 28-day baseline rate", StringComparison.Ordinal));
                var dropped = want.Features.Where(f => f.Baseline > 0 && f.Recent == 0).OrderByDescending(f => f.Baseline).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(3);
                Assert.Equal(dropped.Select(f => $"{f.Feature} not used in 14 days"), reasons.Skip(1));
            }
            else if (want.Baseline > 0)
            {
                Assert.Equal([$"no usage events in the last 14 days, after {want.Baseline} in the 28 before"], reasons);
            }
        }

        Assert.Contains(rows, r => r["reasons"]!.AsArray().Count > 1);
    }

    [Theory]
    [InlineData("big", null)]
    [InlineData("unknown", null)]
    [InlineData(null, "high")]
    [InlineData("small", "low")]
    public async Task Segment_and_risk_filter_the_accounts(string? segment, string? risk)
    {
        var query = $"accounts?to={Iso(To)}" + (segment is null ? string.Empty : $"&segment={segment}") + (risk is null ? string.Empty : $"&risk={risk}");
        var answer = await ReportClient.GetAsync(fixture.Host, query);
        var expected = Expected.Accounts.Values.Where(a => a.FirstSeen < To)
            .Where(a => (segment is null || a.Segment == segment) && (risk is null || RiskOf(a.Id) == risk))
            .Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, (long)answer["total"]!);
        Assert.Equal(expected, Rows(answer).Select(r => (string)r["account"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sort_risk_puts_the_most_at_risk_first_and_limit_keeps_the_total()
    {
        var order = new[] { "high", "medium", "dormant", "new", "low" };
        var expected = Expected.Accounts.Values.Where(a => a.FirstSeen < To)
            .Select(a => (a.Id, Figures: Figures(a.Id, To)))
            .OrderBy(a => Array.IndexOf(order, B2bExpected.Risk(a.Figures.Recent, a.Figures.Baseline)))
            .ThenBy(a => a.Figures.Baseline == 0 ? 0m : (decimal)a.Figures.Recent / a.Figures.Baseline)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Id)
            .ToList();
        Assert.Equal(expected, Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&limit=10000")).Select(r => (string)r["account"]!));

        var limited = await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&sort=risk&limit=3");
        Assert.Equal(expected.Count, (long)limited["total"]!);
        Assert.Equal(expected.Take(3), Rows(limited).Select(r => (string)r["account"]!));
    }

    [Fact]
    public async Task Sort_events_and_sort_name()
    {
        var known = Expected.Accounts.Values.Where(a => a.FirstSeen < To).ToList();
        var byEvents = known.OrderByDescending(a => Figures(a.Id, To).Recent).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Id);
        Assert.Equal(byEvents, Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&sort=events")).Select(r => (string)r["account"]!));
        var byName = known.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Id);
        Assert.Equal(byName, Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(To)}&sort=name")).Select(r => (string)r["account"]!));
    }

    [Fact]
    public async Task Events_with_only_a_userId_count_for_the_account_of_the_users_latest_earlier_group_call()
    {
        // The moving user's events: before its first group call and at its very time none; then acct-000 (also at
        // the time of its second call, which is not earlier than itself), then acct-003.
        var mover = Expected.Usage.Where(e => e.UserId == "mover-u0").ToList();
        Assert.Equal(3, mover.Count(e => e.Account == "acct-000"));
        Assert.Equal(2, mover.Count(e => e.Account == "acct-003"));
        Assert.Contains(Expected.Usage, e => e.GroupId is null && e.ContextGroupId is null && e.UserId is not null && !e.UserId.StartsWith("mover", StringComparison.Ordinal));

        // And the report agrees with that attribution (the figures test checks every account; this one names the case).
        var detail = await ReportClient.GetAsync(fixture.Host, $"accounts/acct-003?{ReportClient.Range(To.AddDays(-42), To)}");
        var moverRow = detail["users"]!.AsArray().Single(u => (string)u!["user"]! == "mover-u0")!;
        Assert.Equal(mover.Count(e => e.Account == "acct-003" && e.Time < To), (long)moverRow["events"]!);
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));

    private static List<JsonObject> Rows(JsonObject answer) => answer["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();

    [Fact]
    public async Task Events_with_only_a_userId_before_their_users_group_call_have_no_account_even_when_the_call_arrives_after_them()
    {
        // The late joiner's call is sent after its events: the two before the call's time (one at its very
        // millisecond) have no account, the three after belong to acct-001.
        var joined = fixture.Dataset.LateJoinerJoined;
        var joiner = Expected.Usage.Where(e => e.UserId == B2bDataset.LateJoiner && e.GroupId is null).ToList();
        Assert.Equal(3, joiner.Count);
        Assert.All(joiner, e => Assert.True(e.Account == "acct-001" && e.Time > joined));

        // An hour after the call, two of them are recent usage of acct-001 (the earlier two nobody's), with the two
        // events that carry the account.
        var to = joined.AddHours(1);
        var row = Rows(await ReportClient.GetAsync(fixture.Host, $"accounts?to={Iso(to)}&limit=10000")).Single(r => (string)r["account"]! == "acct-001");
        var want = Figures("acct-001", to);
        Assert.Equal(want.Recent, (long)row["recentEvents"]!);
        Assert.Equal(want.ActiveUsers, (long)row["activeUsers"]!);
        Assert.Equal(want.Daily, row["dailyEvents"]!.AsArray().Select(d => (long)d!).ToList());
        Assert.Equal(4, Expected.Usage.Count(e => e.Account == "acct-001" && e.UserId == B2bDataset.LateJoiner && e.Time < to));
    }

    private string RiskOf(string account) => Figures(account, To) is var f ? B2bExpected.Risk(f.Recent, f.Baseline) : string.Empty;

    /// <summary>An account's figures at <paramref name="to"/>, straight from the definitions.</summary>
    private AccountFigures Figures(string account, DateTimeOffset to)
    {
        var recentFrom = to.AddDays(-14);
        var baselineFrom = to.AddDays(-42);
        var usage = Expected.Usage.Where(e => e.Account == account && e.Time >= baselineFrom && e.Time < to).ToList();
        var recent = usage.Where(e => e.Time >= recentFrom).ToList();
        var features = usage.GroupBy(e => e.Feature!)
            .Select(g => (Feature: g.Key, Recent: (long)g.Count(e => e.Time >= recentFrom), Baseline: (long)g.Count(e => e.Time < recentFrom)))
            .ToList();
        return new AccountFigures(
            recent.Count,
            usage.Count - recent.Count,
            recent.Select(e => e.User).Distinct().Count(),
            usage.Count == 0 ? null : usage.Max(e => e.Time),
            features,
            features.OrderByDescending(f => f.Recent + f.Baseline).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(5).Select(f => (f.Feature, f.Recent + f.Baseline)).ToList(),
            Enumerable.Range(0, 42).Select(d => (long)usage.Count(e => e.Time >= baselineFrom.AddDays(d) && e.Time < baselineFrom.AddDays(d + 1))).ToList());
    }

    private sealed record AccountFigures(
        long Recent,
        long Baseline,
        long ActiveUsers,
        DateTimeOffset? LastSeen,
        List<(string Feature, long Recent, long Baseline)> Features,
        List<(string, long)> TopFeatures,
        List<long> Daily);
}
