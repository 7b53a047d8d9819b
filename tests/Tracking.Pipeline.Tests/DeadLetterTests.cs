using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_record_clickhouse_could_never_parse_goes_to_the_dead_letters_and_the_rest_load()
    {
        using var data = new TempDirectory("tracking-deadletter");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.100" });
        await host.StartAsync();
        using (var http = host.CreateClient())
        {
            Assert.Equal(2, await CollectorClient.SendAllAsync(http, host.WriteKey, [Event("before-1"), Event("before-2")]));
        }

        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, 2, where: "startsWith(message_id, 'dl-')");
        await host.StopAsync();

        // Records of a version no longer read, or damaged ones, can only come from outside the collector: put
        // them in the log directly. (A newer version is held, not dead-lettered: RollingUpgradeTests.)
        await using (var log = new EmbeddedEventLog(new EmbeddedEventLogOptions { Directory = Path.Combine(data.Path, "log") }, NullLogger<EmbeddedEventLog>.Instance))
        {
            await log.AppendAsync([new LogMessage(default, new byte[] { 0, 1, 2, 3 }), new LogMessage(default, new byte[] { 1, 5, (byte)'a' })], CancellationToken.None);
        }

        await host.StartAsync();
        using (var http = host.CreateClient())
        {
            Assert.Equal(1, await CollectorClient.SendAllAsync(http, host.WriteKey, [Event("after-1")]));
        }

        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, 3, where: "startsWith(message_id, 'dl-')");
        var deadLetters = await ClickHouseHttp.RowsAsync(host.ClickHouseAddress, "SELECT error, length(record) AS bytes FROM tracking.dead_letters ORDER BY offset");
        Assert.Equal(2, deadLetters.Count);
        Assert.Contains("event record version 0 is not supported", (string)deadLetters[0]["error"]!, StringComparison.Ordinal);
        Assert.Equal(4, (int)deadLetters[0]["bytes"]!);
        Assert.Contains("truncated", (string)deadLetters[1]["error"]!, StringComparison.Ordinal);
    }

    private static JsonObject Event(string id) => new()
    {
        ["type"] = "track",
        ["event"] = "click",
        ["anonymousId"] = "visitor",
        ["messageId"] = "dl-" + id,
    };
}
