using System.Diagnostics;
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
    public async Task Bad_arguments_get_a_message_not_a_stack_trace()
    {
        var (code, _, error) = await RunAsync("report", "landing", "--group-by", "browser", "--read-key", "x");
        Assert.Equal(2, code);
        Assert.Contains("--group-by must be keyword, page or keyword,page", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("report", "landing", "--url", fixture.Host.BaseAddress.ToString(), "--read-key", "wrong");
        Assert.Equal(2, code);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tracking.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
