using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class CliTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Report_landing_prints_the_report_as_a_table()
    {
        var session = "cli-" + Guid.NewGuid().ToString("N");
        var page = new JsonObject
        {
            ["type"] = "page",
            ["messageId"] = session + "-1",
            ["anonymousId"] = session,
            ["context"] = new JsonObject
            {
                ["sessionId"] = session,
                ["userAgent"] = LandingDataset.ChromeUa,
                ["page"] = new JsonObject { ["path"] = "/cli-landing", ["referrer"] = "https://www.baidu.com/s?wd=" + Uri.EscapeDataString("命令行") },
            },
        };
        using var http = fixture.Host.CreateClient();
        Assert.Equal(1, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, [page]));
        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, 1, where: $"message_id = '{session}-1'");

        var (code, output, _) = await RunAsync("report", "landing", "--group-by", "keyword,page", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", fixture.Host.ReadKey);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("keyword", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains("/cli-landing", StringComparison.Ordinal));
        Assert.Contains("命令行", row, StringComparison.Ordinal);
        Assert.Contains("100.0%", row, StringComparison.Ordinal); // one page view, no interaction: bounced
    }

    [Fact]
    public async Task Report_accounts_with_risk_high_prints_the_accounts_at_high_risk_as_a_table()
    {
        // One account whose usage stopped 14 days ago (high risk), one still in use (low): only the first is printed.
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString("N")[..8];
        JsonObject Event(string type, string account, DateTimeOffset at) => new()
        {
            ["type"] = type,
            ["event"] = type == "track" ? "report_exported" : null,
            ["userId"] = $"{account}-user",
            ["groupId"] = account,
            ["traits"] = type == "group" ? new JsonObject { ["name"] = $"Name of {account}", ["employees"] = 12 } : null,
            ["timestamp"] = at.ToString("O"),
            ["messageId"] = $"{account}-{type}-{at.ToUnixTimeMilliseconds()}",
        };
        var stopped = $"cli-stopped-{id}";
        var steady = $"cli-steady-{id}";
        var events = new List<JsonObject> { Event("group", stopped, now.AddDays(-40)), Event("group", steady, now.AddDays(-40)) };
        events.AddRange(Enumerable.Range(1, 20).Select(d => Event("track", stopped, now.AddDays(-15 - d))));
        events.AddRange(Enumerable.Range(1, 30).Select(d => Event("track", steady, now.AddDays(-d).AddHours(-1))));
        using var http = fixture.Host.CreateClient();
        Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, events));
        await LoadMarker.SendAndWaitAsync(fixture.Host);

        var (code, output, error) = await RunAsync("report", "accounts", "--risk", "high", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", fixture.Host.ReadKey);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("account", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(stopped, StringComparison.Ordinal));
        Assert.Contains($"Name of {stopped}", row, StringComparison.Ordinal);
        Assert.Contains("high", row, StringComparison.Ordinal);
        Assert.Contains("no usage events in the last 14 days, after 20 in the 28 before", row, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(steady, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_funnel_prints_the_steps_with_conversion_bars()
    {
        // Two visitors land; one of them signs up 90 seconds later, signed in: one visitor, stitched.
        var id = "cli-funnel-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        JsonObject Event(string type, string suffix, TimeSpan after, string? anonymousId, string? userId, string? name = null)
        {
            var json = new JsonObject
            {
                ["type"] = type,
                ["messageId"] = $"{id}-{suffix}",
                ["timestamp"] = (at + after).ToString("O"),
                ["context"] = new JsonObject { ["page"] = new JsonObject { ["path"] = "/cli-funnel" }, ["campaign"] = new JsonObject { ["term"] = "命令行" } },
            };
            (json["anonymousId"], json["userId"], json["event"]) = (anonymousId, userId, name);
            return json;
        }

        JsonObject[] events =
        [
            Event("page", "1", TimeSpan.Zero, $"{id}-a", null),
            Event("page", "2", TimeSpan.FromSeconds(5), $"{id}-b", null),
            Event("identify", "3", TimeSpan.FromSeconds(30), $"{id}-a", $"{id}-user"),
            Event("track", "4", TimeSpan.FromSeconds(90), null, $"{id}-user", "cli_signup"),
        ];
        using var http = fixture.Host.CreateClient();
        Assert.Equal(events.Length, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, events));
        await LoadMarker.SendAndWaitAsync(fixture.Host);

        var (code, output, error) = await RunAsync(
            "report", "funnel", "--step", "page:/cli-funnel", "--step", "event:cli_signup", "--window", "1h", "--unit", "visitors", "--breakdown", "keyword",
            "--from", at.AddMinutes(-1).ToString("O"), "--to", at.AddMinutes(1).ToString("O"), "--url", fixture.Host.BaseAddress.ToString(), "--read-key", fixture.Host.ReadKey);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("visitors, window 3600 s", lines[0]);
        Assert.StartsWith("step", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^page:/cli-funnel\s+2\s+█{30}\s+100\.0%\s*$", lines[2]);
        Assert.Matches(@"^event:cli_signup\s+1\s+█{15}\s+50\.0%\s+50\.0%\s+90$", lines[3]);
        Assert.Equal("命令行", lines[4]);
    }

    [Fact]
    public async Task Bad_arguments_get_a_message_not_a_stack_trace()
    {
        var (code, _, error) = await RunAsync("report", "landing", "--group-by", "browser", "--read-key", "x");
        Assert.Equal(2, code);
        Assert.Contains("--group-by must be keyword, page or keyword,page", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("report", "landing", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", "wrong");
        Assert.Equal(2, code);
        Assert.Contains("401", error, StringComparison.Ordinal);

        // The host names the parameter; the CLI passes its message on.
        (code, _, error) = await RunAsync("report", "accounts", "--risk", "extreme", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", fixture.Host.ReadKey);
        Assert.Equal(2, code);
        Assert.Contains("400: risk: must be one of", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("report", "funnel", "--step", "page:/a", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", fixture.Host.ReadKey);
        Assert.Equal(2, code);
        Assert.Contains("400: step: give 2 to 10 steps", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => HostCli.RunAsync(null, args);
}
