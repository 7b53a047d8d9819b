using System.Diagnostics;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>The embedded ClickHouse of the single-node host answers plain curl like a ClickHouse server.</summary>
public sealed class EmbeddedClickHouseCurlTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Select_1_answers_1()
    {
        var (code, output) = await CurlAsync($"{fixture.Host.ClickHouseAddress}?query=SELECT%201");
        Assert.Equal(200, code);
        Assert.Equal("1\n", output);
    }

    [Fact]
    public async Task A_format_json_query_returns_clickhouse_json()
    {
        var (code, output) = await CurlAsync(fixture.Host.ClickHouseAddress.ToString(), "--data-binary", "SELECT number AS n, toString(number * 2) AS s FROM system.numbers LIMIT 3 FORMAT JSON");
        Assert.Equal(200, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(3, (int)json["rows"]!);
        Assert.Equal("4", (string)json["data"]![2]!["s"]!);
        Assert.Equal("n", (string)json["meta"]![0]!["name"]!);
    }

    [Fact]
    public async Task An_error_is_a_non_200_with_a_clickhouse_message()
    {
        var (code, output) = await CurlAsync(fixture.Host.ClickHouseAddress.ToString(), "--data-binary", "SELECT * FROM tracking.no_such_table");
        Assert.NotEqual(200, code);
        Assert.StartsWith("Code: ", output, StringComparison.Ordinal);
        Assert.Contains("no_such_table", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_curl_is_refused_and_the_analyst_cannot_drop_the_events_table()
    {
        var anonymous = new UriBuilder(fixture.Host.ClickHouseAddress) { UserName = "", Password = "" }.Uri;

        var (anonymousCode, anonymousOutput) = await CurlAsync(anonymous.ToString(), "--data-binary", "DROP TABLE tracking.events");
        var (analystCode, analystOutput) = await CurlAsync(fixture.Host.ClickHouseAddress.ToString(), "--data-binary", "DROP TABLE tracking.events");
        var (_, exists) = await CurlAsync($"{fixture.Host.ClickHouseAddress}?query=EXISTS%20TABLE%20tracking.events");

        Assert.Equal(403, anonymousCode);
        Assert.StartsWith("Code: 516. DB::Exception: default: Authentication failed", anonymousOutput, StringComparison.Ordinal);
        Assert.Equal(403, analystCode);
        Assert.Contains("analyst: Cannot execute query in readonly mode", analystOutput, StringComparison.Ordinal);
        Assert.Equal("1\n", exists);
    }

    [Fact]
    public void The_banner_prints_the_analyst_password_and_never_the_internal_one()
    {
        var stored = Tracking.Host.Keys.SqlPasswords.Load(fixture.Host.DataDir, fixture.Host.AnalystPassword);

        Assert.Contains($"read-only user analyst, password: {fixture.Host.AnalystPassword}", fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.InternalPassword, fixture.Host.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.Host.DataDir, Tracking.Host.Keys.SqlPasswords.FileName)));
        }
    }

    private static async Task<(int Code, string Output)> CurlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-s", "-w", "\n%{http_code}" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var curl = Process.Start(start)!;
        var text = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        var split = text.LastIndexOf('\n');
        return (int.Parse(text[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), text[..split]);
    }
}
