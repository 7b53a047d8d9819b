using System.Net;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary><c>tracking projects create|list|rotate</c> on a stopped host's data folder, and what a host started on it then accepts.</summary>
public sealed class ProjectsCliTests
{
    [Fact]
    public async Task Projects_made_with_the_cli_work_in_the_host_started_afterwards()
    {
        using var data = new TempDirectory("tracking-projects-cli");
        var environment = new Dictionary<string, string> { ["TRACKING_DATA_DIR"] = data.Path };

        var (code, output, error) = await HostCli.RunAsync(environment, "projects", "create", "Spring campaign");
        Assert.True(code == 0, error);
        var id = Word(output, "created project ");
        Assert.StartsWith("spring-campaign-", id, StringComparison.Ordinal);
        var readKey = Word(output, "read key:");

        (code, output, error) = await HostCli.RunAsync(environment, "projects", "rotate", id, "--key", "write", "--grace", "0s");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("read key:", output, StringComparison.Ordinal);
        var writeKey = Word(output, "write key:");

        (code, output, _) = await HostCli.RunAsync(environment, "projects", "list");
        Assert.Equal(0, code);
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.Contains("Spring campaign", output, StringComparison.Ordinal);
        Assert.Contains(ProjectAdminTests.Fingerprint(writeKey), output, StringComparison.Ordinal);
        Assert.DoesNotContain(writeKey, output, StringComparison.Ordinal);

        await using var host = new HostProcess(data.Path);
        await host.StartAsync();
        using var http = host.CreateClient();
        Assert.Equal(1, await CollectorClient.SendAllAsync(http, writeKey, [ProjectAdminTests.PageView()]));
        var (status, body) = await AdminClient.SendAsync(host, HttpMethod.Get, "v1/reports/project", readKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, (string)body!["id"]!);

        // A running host owns the folder: the CLI says so instead of writing under it.
        (code, _, error) = await HostCli.RunAsync(environment, "projects", "list");
        Assert.Equal(2, code);
        Assert.Contains("a Tracking host is running on", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create|", "name: must not be empty")]
    [InlineData("rotate|nobody", "no project 'nobody'")]
    [InlineData("rotate|default|--key|admin", "--key: 'admin' is not one of write, read or both")]
    [InlineData("rotate|default|--grace|soon", "--grace: 'soon' is not a duration")]
    [InlineData("remove|default", "unknown or incomplete command 'remove default'")]
    public async Task Bad_commands_are_one_clear_line(string args, string message)
    {
        using var data = new TempDirectory("tracking-projects-cli-bad");
        var (code, _, error) = await HostCli.RunAsync(new Dictionary<string, string> { ["TRACKING_DATA_DIR"] = data.Path }, ["projects", .. args.Split('|')]);
        Assert.Equal(2, code);
        Assert.Contains("tracking: " + message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>The word after <paramref name="label"/> in the output.</summary>
    private static string Word(string output, string label)
    {
        var start = output.IndexOf(label, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{label}' is not in:\n{output}");
        return output[(start + label.Length)..].TrimStart().Split([' ', '\n'], 2)[0].Trim();
    }
}
