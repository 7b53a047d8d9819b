using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// The funnel report over the real host against the definition computed independently (<see cref="ExpectedFunnel"/>)
/// from the generated events: every count, conversion and median, for each unit and order, with breakdowns.
/// </summary>
public sealed class FunnelReportTests(FunnelReportFixture fixture) : IClassFixture<FunnelReportFixture>
{
    private static readonly ExpectedStep[] Steps =
    [
        ExpectedStep.Page("/landing/*"),
        ExpectedStep.Page("/pricing"),
        ExpectedStep.Event("signup", ("plan", "pro")),
        ExpectedStep.Event("lead"),
    ];

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Theory]
    [InlineData("visitors", "sequential")]
    [InlineData("visitors", "strict")]
    [InlineData("sessions", "sequential")]
    [InlineData("sessions", "strict")]
    [InlineData("accounts", "sequential")]
    [InlineData("accounts", "strict")]
    public async Task Every_step_count_conversion_and_median_is_the_definitions(string unit, string order)
    {
        var answer = await FunnelAsync($"unit={unit}&order={order}");

        var (expected, _) = fixture.Expected.Compute(Steps, unit, order == "strict", fixture.From, fixture.To, Window);
        Assert.Equal(unit, answer["unit"]!.GetValue<string>());
        Assert.Equal(3600, answer["windowSeconds"]!.GetValue<long>());
        AssertSteps(expected, answer["steps"]!.AsArray(), $"{unit} {order}");
        Assert.Null(answer["breakdowns"]);

        // The dataset reaches the last step, or the figures prove little.
        Assert.True(expected[^1].Count > 0, $"no {unit} reach the last step in {order} order: generate more data");
    }

    [Fact]
    public async Task Stitching_counts_a_person_once_across_devices_and_signing_in()
    {
        var answer = await FunnelAsync("unit=visitors");
        var (stitched, _) = fixture.Expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, Window);

        // Without stitching (anonymousId, else userId) the figures differ: the dataset tests stitching.
        var unstitched = new ExpectedFunnel(fixture.Dataset.Events.Select(e => e with { UserId = e.AnonymousId is null ? e.UserId : null }));
        var (raw, _) = unstitched.Compute(Steps, "visitors", false, fixture.From, fixture.To, Window);
        Assert.NotEqual(raw[^1].Count, stitched[^1].Count);
        AssertSteps(stitched, answer["steps"]!.AsArray(), "stitched visitors");
    }

    [Theory]
    [InlineData("visitors", "sequential")]
    [InlineData("sessions", "strict")]
    [InlineData("accounts", "sequential")]
    public async Task The_keyword_breakdown_is_the_entering_sessions_keyword(string unit, string order)
    {
        var answer = await FunnelAsync($"unit={unit}&order={order}&breakdown=keyword");
        var expected = fixture.Expected;
        var (all, breakdowns) = expected.Compute(Steps, unit, order == "strict", fixture.From, fixture.To, Window, e => expected.SessionKeyword(expected.Session(e)));

        AssertSteps(all, answer["steps"]!.AsArray(), "all");
        AssertBreakdowns(breakdowns, answer["breakdowns"]!.AsArray());
        Assert.Contains(breakdowns, b => b.Value == "客户管理系统");
    }

    [Fact]
    public async Task The_account_breakdown_shows_50_values_and_sums_the_rest_as_other()
    {
        var answer = await FunnelAsync("unit=visitors&breakdown=account");
        var expected = fixture.Expected;
        var (_, breakdowns) = expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, Window, e => expected.Account(e) ?? "(none)");

        Assert.Equal("(other)", breakdowns[^1].Value);
        Assert.Equal(51, breakdowns.Count);
        AssertBreakdowns(breakdowns, answer["breakdowns"]!.AsArray());
    }

    [Theory]
    [InlineData("converted", 5)]
    [InlineData("value", 7)]
    [InlineData("entered", 1)]
    public async Task Breakdown_values_are_sorted_and_limited_and_the_total_counts_them_all(string sort, int limit)
    {
        var answer = await FunnelAsync($"unit=visitors&breakdown=account&sort={sort}&limit={limit}");
        var expected = fixture.Expected;
        var (_, all) = expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, Window, e => expected.Account(e) ?? "(none)", topValues: int.MaxValue);
        var (_, top) = expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, Window, e => expected.Account(e) ?? "(none)", topValues: limit, sort: sort);

        Assert.Equal(all.Count, answer["total"]!.GetValue<long>());
        Assert.Equal(limit + 1, top.Count);
        AssertBreakdowns(top, answer["breakdowns"]!.AsArray());
    }

    [Fact]
    public async Task The_segment_breakdown_reads_the_accounts_latest_group_traits()
    {
        var answer = await FunnelAsync("unit=accounts&breakdown=segment");
        var expected = fixture.Expected;
        var (_, breakdowns) = expected.Compute(Steps, "accounts", false, fixture.From, fixture.To, Window, e => expected.Segment(expected.Account(e)));

        Assert.Equal(["big", "small", "unknown"], breakdowns.Select(b => b.Value).Order(StringComparer.Ordinal));
        AssertBreakdowns(breakdowns, answer["breakdowns"]!.AsArray());
    }

    [Fact]
    public async Task The_window_defaults_to_14_days_and_may_be_given_in_seconds()
    {
        var byDefault = await FunnelAsync(string.Empty, window: null);
        var (expected, _) = fixture.Expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, TimeSpan.FromDays(14));
        Assert.Equal(1_209_600, byDefault["windowSeconds"]!.GetValue<long>());
        AssertSteps(expected, byDefault["steps"]!.AsArray(), "14d");

        var seconds = await FunnelAsync(string.Empty, window: "600");
        var (tenMinutes, _) = fixture.Expected.Compute(Steps, "visitors", false, fixture.From, fixture.To, TimeSpan.FromMinutes(10));
        AssertSteps(tenMinutes, seconds["steps"]!.AsArray(), "600s");
        Assert.NotEqual(expected[^1].Count, tenMinutes[^1].Count);
    }

    [Fact]
    public async Task On_a_tie_of_the_same_millisecond_the_sessions_first_page_view_is_the_landing_reports()
    {
        // After the dataset's range and window, with ids and paths of their own, so no other figure moves.
        var at = fixture.To.AddHours(4);
        var run = "tie-" + Guid.NewGuid().ToString("N");
        var sessions = Enumerable.Range(0, 16).Select(i => (Session: $"{run}-{i}", Time: at.AddMinutes(i))).ToList();
        var events = sessions.SelectMany(s => new[]
        {
            TieEvent(s.Session + "-a", s.Session, s.Time, "page", keyword: s.Session + "-a"),
            TieEvent(s.Session + "-b", s.Session, s.Time, "page", keyword: s.Session + "-b"),
            TieEvent(s.Session + "-c", s.Session, s.Time.AddSeconds(1), "track"),
        }).ToList();
        using (var http = fixture.Host.CreateClient())
        {
            Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, events));
        }

        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, events.Count, where: $"startsWith(message_id, '{run}-')");

        // The definition: ties broken by a hash of the message id; a page view's keyword is named as its message id here.
        var ids = string.Join(", ", sessions.SelectMany(s => new[] { $"'{s.Session}-a'", $"'{s.Session}-b'" }));
        var hashes = await MessageIdHashes.OfAsync(fixture.Host, ids);
        var expected = sessions.Select(s => hashes[s.Session + "-a"] < hashes[s.Session + "-b"] ? s.Session + "-a" : s.Session + "-b").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(expected, keyword => keyword.EndsWith("-b", StringComparison.Ordinal)); // the hash, not the id's text, decided

        var (from, to) = (at.AddMinutes(-1), at.AddHours(1));
        var funnel = await ReportClient.GetAsync(fixture.Host, $"funnel?step=page:/tie/landing&step=event:tie_signup&{ReportClient.Range(from, to)}&unit=sessions&breakdown=keyword&limit=100");
        var byKeyword = funnel["breakdowns"]!.AsArray().Select(b => b!["value"]!.GetValue<string>()).Where(v => v.StartsWith(run, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, byKeyword);
        var landing = await ReportClient.LandingAsync(fixture.Host, "keyword", from, to, "&includeBots=true");
        Assert.Equal(expected, landing.Select(r => (string)r["keyword"]!).Where(v => v.StartsWith(run, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
    }

    private static JsonObject TieEvent(string messageId, string session, DateTimeOffset time, string type, string? keyword = null)
    {
        var context = new JsonObject { ["sessionId"] = session };
        var json = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = messageId,
            ["anonymousId"] = session,
            ["timestamp"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["context"] = context,
        };
        if (keyword is null)
        {
            json["event"] = "tie_signup";
        }
        else
        {
            context["page"] = new JsonObject { ["path"] = "/tie/landing", ["url"] = "https://www.example.cn/tie/landing" };
            context["campaign"] = new JsonObject { ["source"] = "newsletter", ["term"] = keyword };
        }

        return json;
    }

    private Task<JsonObject> FunnelAsync(string extra, string? window = "1h")
    {
        var steps = string.Concat(Steps.Select(s => "step=" + Uri.EscapeDataString(s.Text) + "&"));
        var windowParameter = window is null ? string.Empty : $"&window={window}";
        return ReportClient.GetAsync(fixture.Host, $"funnel?{steps}{ReportClient.Range(fixture.From, fixture.To)}{windowParameter}&{extra}");
    }

    private static void AssertBreakdowns(IReadOnlyList<(string Value, IReadOnlyList<ExpectedStepFigures> Steps)> expected, JsonArray actual)
    {
        Assert.Equal(expected.Select(b => b.Value), actual.Select(b => b!["value"]!.GetValue<string>()));
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSteps(expected[i].Steps, actual[i]!["steps"]!.AsArray(), expected[i].Value);
        }
    }

    internal static void AssertSteps(IReadOnlyList<ExpectedStepFigures> expected, JsonArray actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            var step = actual[k]!;
            var context = $"{what}, step {k + 1}";
            Assert.True(expected[k].Count == step["count"]!.GetValue<long>(), $"{context}: count {step["count"]}, expected {expected[k].Count}");
            Assert.Equal(expected[k].ConversionFromFirst, step["conversionFromFirst"]!.GetValue<double>(), 9);
            AssertNullable(expected[k].ConversionFromPrevious, step["conversionFromPrevious"], $"{context}: conversionFromPrevious");
            AssertNullable(expected[k].MedianSecondsFromPrevious, step["medianSecondsFromPrevious"], $"{context}: medianSecondsFromPrevious");
        }
    }

    private static void AssertNullable(double? expected, JsonNode? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: {actual}, expected null");
        }
        else
        {
            Assert.True(actual is not null, $"{what}: null, expected {expected}");
            Assert.True(Math.Abs(expected.Value - actual.GetValue<double>()) < 1e-6, $"{what}: {actual}, expected {expected}");
        }
    }
}
