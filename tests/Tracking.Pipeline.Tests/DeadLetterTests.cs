using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.ClickHouse;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Loader;
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

    [Fact]
    public async Task A_record_set_aside_again_at_the_same_offset_is_one_dead_letter()
    {
        using var data = new TempDirectory("tracking-deadletter-once");
        await using var host = new HostProcess(data.Path);
        await host.StartAsync();
        var internalUser = host.InternalClickHouseAddress;
        var password = Uri.UnescapeDataString(internalUser.UserInfo.Split(':')[1]);
        using var store = new ClickHouseStore($"Host=127.0.0.1;Port={host.ClickHousePort};Protocol=http;Database=default;Username=tracking;Password={password};Compression=false", "tracking");
        var sink = new ClickHouseDeadLetterSink(store);

        // What a replay after a crash does: the same record at the same offset set aside a second time.
        byte[] record = [1, 5, (byte)'a'];
        await sink.WriteAsync(3, 1000, record, "refused", CancellationToken.None);
        await sink.WriteAsync(3, 1000, record, "refused", CancellationToken.None);
        await sink.WriteAsync(3, 1001, record, "refused", CancellationToken.None);
        await sink.WriteAsync(4, 1000, record, "refused", CancellationToken.None);

        var rows = await ClickHouseHttp.RowsAsync(host.ClickHouseAddress, "SELECT partition, offset FROM tracking.dead_letters ORDER BY partition, offset");
        Assert.Equal([(3L, 1000L), (3L, 1001L), (4L, 1000L)], rows.Select(r => ((long)r["partition"]!, (long)r["offset"]!)));
    }

    private static JsonObject Event(string id) => new()
    {
        ["type"] = "track",
        ["event"] = "click",
        ["anonymousId"] = "visitor",
        ["messageId"] = "dl-" + id,
    };
}
