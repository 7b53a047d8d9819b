using System.Text.Json;
using Tracking.Sdk.Tests.Support;
using static Tracking.Sdk.Tests.Support.ClickHouseQuery;

namespace Tracking.Sdk.Tests.Host;

/// <summary>The SDK against the real single-node host: what it sends lands in ClickHouse, once (raw rows: nothing is retried here).</summary>
[Collection(HostCollection.Name)]
public class HostDeliveryTests
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    private static TrackingOptions Options(HostHarness harness)
    {
        var options = Clients.Options(harness.Host.BaseAddress, harness.Host.WriteKey);
        options.AddKeyPath("onboarding", "signed_up", "invite_sent", "first_report");
        return options;
    }

    [Fact]
    public async Task Events_appear_in_clickhouse_with_identities_account_and_session()
    {
        await using var harness = await HostHarness.StartAsync();
        var anon = Unique("anon");
        var session = Unique("sess");
        var visitor = new Visitor("user-7", anon) { GroupId = "acme", SessionId = session, UserAgent = "sdk-test/1.0" };
        await using (var client = Clients.Create(Options(harness)))
        {
            Assert.True(client.Page(new PageInfo("https://app.example.com/settings/team?tab=invites", Title: "Team"), visitor));
            Assert.True(client.Track("report_exported", visitor, new Dictionary<string, object?> { ["format"] = "csv" }));
            Assert.True(client.Identify(visitor, new Dictionary<string, object?> { ["email"] = "u7@example.com" }));
            Assert.True(client.Group("acme", visitor, new Dictionary<string, object?> { ["plan"] = "enterprise", ["tier"] = "gold" }));
            Assert.True(client.Lead(visitor, new Dictionary<string, object?> { ["form"] = "demo" }));
            Assert.True(client.Step("onboarding", "invite_sent", visitor, new Dictionary<string, object?> { ["invitees"] = 3 }));
            await client.FlushAsync();
            Assert.Equal(6, client.GetStatistics().Sent);
        }

        var where = $"anonymous_id = {Quote(anon)}";
        Assert.Equal(6, await CountWhenLoadedAsync(harness.Host, $"SELECT count() FROM tracking.events WHERE {where}"));
        var rows = await RowsAsync(harness.ClickHouse, $"SELECT type, event, user_id, group_id, session_id, page_path, properties, traits FROM tracking.events WHERE {where} ORDER BY timestamp");
        Assert.All(rows, row =>
        {
            Assert.Equal("user-7", row.GetProperty("user_id").GetString());
            Assert.Equal("acme", row.GetProperty("group_id").GetString());
            Assert.Equal(session, row.GetProperty("session_id").GetString());
        });

        string Type(JsonElement row) => row.GetProperty("type").GetString()!;
        string Event(JsonElement row) => row.GetProperty("event").GetString()!;
        var page = Assert.Single(rows, r => Type(r) == "page");
        Assert.Equal("/settings/team", page.GetProperty("page_path").GetString());
        Assert.Single(rows, r => Type(r) == "track" && Event(r) == "report_exported");
        Assert.Single(rows, r => Type(r) == "track" && Event(r) == "lead");
        var group = Assert.Single(rows, r => Type(r) == "group");
        Assert.Equal("enterprise", JsonDocument.Parse(group.GetProperty("traits").GetString()!).RootElement.GetProperty("plan").GetString());
        Assert.Single(rows, r => Type(r) == "identify");
        var step = Assert.Single(rows, r => Event(r) == "invite_sent");
        var properties = JsonDocument.Parse(step.GetProperty("properties").GetString()!).RootElement;
        Assert.Equal("onboarding", properties.GetProperty("key_path").GetString());
        Assert.Equal("invite_sent", properties.GetProperty("step").GetString());
        Assert.Equal(1, properties.GetProperty("step_index").GetInt32());
    }

    [Fact]
    public async Task Dispose_drains_what_is_queued_into_the_host()
    {
        await using var harness = await HostHarness.StartAsync();
        var anon = Unique("drain");
        var options = Options(harness);
        options.FlushInterval = TimeSpan.FromMinutes(5);
        var client = Clients.Create(options);
        for (var i = 0; i < 1_000; i++)
        {
            client.Track("e", Visitor.Anonymous(anon), new Dictionary<string, object?> { ["i"] = i });
        }

        await client.DisposeAsync();
        Assert.Equal(1_000, client.GetStatistics().Sent);
        Assert.Equal(1_000, await CountWhenLoadedAsync(harness.Host, $"SELECT count() FROM tracking.events WHERE anonymous_id = {Quote(anon)}"));
    }
}
