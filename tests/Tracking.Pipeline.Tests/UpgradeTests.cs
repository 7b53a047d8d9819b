using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// A host upgraded in place: the log still holds records an older collector wrote (record version 1),
/// and the new host writes version 2 beside them.
/// </summary>
public sealed class UpgradeTests
{
    private const int OldEvents = 300;

    [Fact]
    public async Task A_new_host_on_a_log_of_version_1_records_loads_old_and_new_events_exactly_once()
    {
        using var data = new TempDirectory("tracking-upgrade");
        var now = DateTimeOffset.UtcNow;
        await using (var log = new EmbeddedEventLog(new EmbeddedEventLogOptions { Directory = Path.Combine(data.Path, "log") }, NullLogger<EmbeddedEventLog>.Instance))
        {
            var records = Enumerable.Range(0, OldEvents)
                .Select(i => new LogMessage(Encoding.UTF8.GetBytes($"old-{i % 7}"), OlderRecords.Click(1, $"upg-old-{i}", $"old-{i % 7}", now.AddSeconds(-i))))
                .ToList();
            await log.AppendAsync(records, CancellationToken.None);
        }

        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
        await host.StartAsync();
        var newEvents = NewEvents();
        using (var http = host.CreateClient())
        {
            using var response = await http.SendAsync(CollectorClient.Batch(host.WriteKey, newEvents));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var total = OldEvents + newEvents.Count;
        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, total, where: "startsWith(message_id, 'upg-')", aggregate: "count()");
        Assert.Equal(total, await CountAsync(host, "count()", "1"));
        Assert.Equal(total, await CountAsync(host, "uniqExact(message_id)", "1"));

        // The version-1 records lack the new columns (their library value was never written): the table's defaults fill them.
        Assert.Equal(OldEvents, await CountAsync(host, "count()", "startsWith(message_id, 'upg-old-') AND library_name = '' AND context = '' AND name = ''"));
        Assert.Equal(newEvents.Count, await CountAsync(host, "count()", "startsWith(message_id, 'upg-new-') AND library_name = 'analytics-test' AND library_version = '2.1.0'"));
        Assert.Equal(0, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, "SELECT count() FROM tracking.dead_letters"));
    }

    [Fact]
    public async Task Every_field_of_the_segment_spec_is_stored()
    {
        using var data = new TempDirectory("tracking-segment-fields");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
        await host.StartAsync();
        var events = NewEvents();
        using (var http = host.CreateClient())
        {
            using var response = await http.SendAsync(CollectorClient.Batch(host.WriteKey, events));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, events.Count, where: "startsWith(message_id, 'upg-new-')");
        var rows = await ClickHouseHttp.RowsAsync(
            host.ClickHouseAddress,
            "SELECT message_id, name, category, previous_id, library_name, library_version, context_traits, context FROM tracking.events FINAL WHERE startsWith(message_id, 'upg-new-')");
        foreach (var sent in events)
        {
            var row = rows.Single(r => (string?)r["message_id"] == (string?)sent["messageId"]);
            Assert.Equal((string?)sent["name"] ?? string.Empty, (string?)row["name"]);
            Assert.Equal((string?)sent["category"] ?? string.Empty, (string?)row["category"]);
            Assert.Equal((string?)sent["previousId"] ?? string.Empty, (string?)row["previous_id"]);
            Assert.Equal("analytics-test", (string?)row["library_name"]);
            Assert.Equal("2.1.0", (string?)row["library_version"]);
            Assert.True(JsonNode.DeepEquals(sent["context"]!["traits"], JsonNode.Parse((string)row["context_traits"]!)), (string?)row["context_traits"]);
            Assert.True(JsonNode.DeepEquals(sent["context"], JsonNode.Parse((string)row["context"]!)), (string?)row["context"]);
        }
    }

    /// <summary>Page, screen, track and alias events carrying every Segment field the older records lack.</summary>
    private static List<JsonObject> NewEvents() => Enumerable.Range(0, 40).Select(i =>
    {
        var type = (i % 4) switch { 0 => "page", 1 => "screen", 2 => "track", _ => "alias" };
        var e = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = $"upg-new-{i}",
            ["anonymousId"] = $"new-{i % 5}",
            ["context"] = new JsonObject
            {
                ["library"] = new JsonObject { ["name"] = "analytics-test", ["version"] = "2.1.0" },
                ["traits"] = new JsonObject { ["plan"] = i % 2 == 0 ? "pro" : "free", ["seats"] = i },
                ["page"] = new JsonObject { ["path"] = $"/p/{i % 3}" },
                ["app"] = new JsonObject { ["name"] = "crm", ["build"] = $"b{i}" },
                ["groupId"] = $"acct-{i % 3}",
            },
        };
        switch (type)
        {
            case "page" or "screen":
                e["name"] = $"Pricing {i}";
                e["category"] = i % 8 == 0 ? "Docs" : "Marketing";
                break;
            case "track":
                e["event"] = "signup";
                break;
            default:
                e["userId"] = $"user-{i}";
                e["previousId"] = $"new-{i % 5}";
                break;
        }

        return e;
    }).ToList();

    private static Task<long> CountAsync(HostProcess host, string aggregate, string where) =>
        ClickHouseHttp.CountAsync(host.ClickHouseAddress, $"SELECT {aggregate} FROM tracking.events WHERE startsWith(message_id, 'upg-') AND {where}");
}
