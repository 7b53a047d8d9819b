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
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", host.Output, StringComparison.Ordinal);
    }
}
