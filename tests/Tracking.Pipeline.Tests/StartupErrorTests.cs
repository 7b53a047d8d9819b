using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:{0}", "tracking: http://127.0.0.1:{0} is already in use; set ASPNETCORE_URLS to a free address")]
    [InlineData("ClickHouse__Embedded__Port", "{0}", "tracking: 127.0.0.1:{0} is already in use; set ClickHouse__Embedded__Port to a free port")]
    public async Task A_port_in_use_is_one_clear_line_not_a_stack_trace(string setting, string valueFormat, string messageFormat)
    {
        // Another program holds the port the host is told to use.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var data = new TempDirectory("tracking-port-in-use");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string>
        {
            [setting] = string.Format(CultureInfo.InvariantCulture, valueFormat, port),
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(2, host.ExitCode);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, messageFormat, port), host.Output, StringComparison.Ordinal);
        Assert.False(host.Output.Contains("   at ", StringComparison.Ordinal), host.Output);
        Assert.DoesNotContain("Hosting failed to start", host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    public async Task A_record_version_this_build_cannot_read_is_one_clear_line_not_a_loader_restarting_forever(string version)
    {
        using var data = new TempDirectory("tracking-record-version");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__NewestRecordVersion"] = version });

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(2, host.ExitCode);
        Assert.Contains($"tracking: Loader:NewestRecordVersion={version} must be between 1 and 2", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_key_for_writing_and_reading_is_one_clear_line_not_a_stack_trace()
    {
        using var data = new TempDirectory("tracking-same-keys");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["TRACKING_WRITE_KEY"] = "shared-key",
            ["TRACKING_READ_KEY"] = "shared-key",
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(2, host.ExitCode);
        Assert.Contains("tracking: TRACKING_WRITE_KEY and TRACKING_READ_KEY must differ", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "projects.json")));
    }

    [Fact]
    public async Task A_damaged_keys_file_is_named_and_kept_not_replaced_by_new_keys()
    {
        using var data = new TempDirectory("tracking-damaged-keys");
        var keysFile = Path.Combine(data.Path, "keys.json");
        await File.WriteAllTextAsync(keysFile, "{\"projectId\": \"default\", \"writeKey\": ");

        // Keys from the environment are not enough to start over: the file may hold keys clients still use.
        await using var host = new HostProcess(data.Path);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(2, host.ExitCode);
        Assert.Contains($"tracking: {keysFile} is not a keys file (", host.Output, StringComparison.Ordinal);
        Assert.Contains("restore it, or delete it to generate new keys", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
        Assert.Equal("{\"projectId\": \"default\", \"writeKey\": ", await File.ReadAllTextAsync(keysFile));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_second_host_on_a_data_folder_in_use_is_one_clear_line_and_the_first_keeps_serving(bool secondUsesExternalClickHouse)
    {
        using var data = new TempDirectory("tracking-folder-in-use");
        await using var first = new HostProcess(data.Path);
        await first.StartAsync();

        // With an external ClickHouse the second host would share only the embedded log, which chDB's own lock does not cover.
        await using var second = new HostProcess(data.Path, secondUsesExternalClickHouse
            ? new Dictionary<string, string> { ["ClickHouse__ConnectionString"] = $"Host=127.0.0.1;Port={first.ClickHousePort};Protocol=http;Username=default" }
            : null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());

        Assert.Equal(2, second.ExitCode);
        var lockFile = Path.Combine(data.Path, "host.lock");
        Assert.Contains(
            $"tracking: the data folder {data.Path} is in use by another Tracking host (it holds {lockFile}); stop that host or set TRACKING_DATA_DIR to another folder",
            second.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DB::Exception", second.Output, StringComparison.Ordinal);

        using var http = first.CreateClient();
        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("1", (await ClickHouseHttp.QueryAsync(first.ClickHouseAddress, "SELECT 1")).Trim());
    }
}
