using System.Globalization;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// What the session rollup must not change for a user: a resent message (with a client session or
/// without one), a session across midnight and a month boundary, client and server-side sessions of one visitor. Each test has its own days, far from
/// the other tests' events, and states the figures it expects from the events it sends.
/// </summary>
public sealed class SessionRollupTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>Days relative to today, as the collector refuses events older than a year; each test keeps to its own days.</summary>
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact]
    public async Task A_message_resent_in_a_later_insert_changes_no_figure()
    {
        var day = Today.AddDays(-100).AddHours(9);
        var visitor = Visitor();
        // A bounce (one page view, a page leave) and an engaged visit with a lead.
        var events = new List<JsonObject>
        {
            Page(visitor, "s-bounce-" + visitor, "/pricing", "resend", day),
            Track(visitor, "s-bounce-" + visitor, "page_leave", day.AddSeconds(40)),
            Page(visitor, "s-lead-" + visitor, "/pricing", "resend", day.AddHours(1)),
            Track(visitor, "s-lead-" + visitor, "lead", day.AddHours(1).AddSeconds(90)),
        };
        await SendAndWaitAsync(visitor, events, stored: events.Count);

        // The client lost the answer and sends everything again: the copies reach another insert, and are not stored.
        await ResendAsync(visitor, events, stored: events.Count);

        var row = Assert.Single(await ReportClient.LandingAsync(fixture.Host, "keyword,page", day, day.AddDays(1)));
        Assert.Equal("resend", (string?)row["keyword"]);
        Assert.Equal(2, (long)row["sessions"]!);
        Assert.Equal(1, (long)row["visitors"]!);
        Assert.Equal(1, (long)row["bounces"]!);
        Assert.Equal(1, (long)row["leads"]!);
        Assert.Equal((40 + 90) / 2.0, (double)row["medianDurationSeconds"]!, 3);
    }

    [Fact]
    public async Task A_session_across_midnight_and_a_month_boundary_counts_once_in_the_range_it_started()
    {
        var lastEvening = new DateTimeOffset(Today.Year, Today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1).AddMinutes(-10); // 32 to 62 days ago
        var visitor = Visitor();
        var session = "s-midnight-" + visitor;
        // Sent in two requests, as a browser would: the rollup gets one row per side of the boundary.
        await SendAndWaitAsync(visitor, [Page(visitor, session, "/features/crm", "midnight", lastEvening)], stored: 1);
        await SendAndWaitAsync(visitor, [Page(visitor, session, "/pricing", "other", lastEvening.AddMinutes(20))], stored: 2);

        var monthEnd = Assert.Single(await ReportClient.LandingAsync(fixture.Host, "keyword,page", lastEvening.AddHours(-1), lastEvening.AddMinutes(10)));
        Assert.Equal("midnight", (string?)monthEnd["keyword"]);
        Assert.Equal("/features/crm", (string?)monthEnd["page"]);
        Assert.Equal(1, (long)monthEnd["sessions"]!);
        Assert.Equal(0, (long)monthEnd["bounces"]!);
        Assert.Equal(20 * 60, (double)monthEnd["medianDurationSeconds"]!, 3);

        Assert.Empty(await ReportClient.LandingAsync(fixture.Host, "page", lastEvening.AddMinutes(10), lastEvening.AddDays(1)));
    }

    [Fact]
    public async Task Client_and_server_side_sessions_of_one_visitor_are_reported_side_by_side_and_resent_server_side_events_count_once()
    {
        var morning = Today.AddDays(-150).AddHours(8);
        var visitor = Visitor();
        var events = new List<JsonObject>
        {
            // A client session with a click: not a bounce.
            Page(visitor, "s-client-" + visitor, "/", "mixed", morning),
            Track(visitor, "s-client-" + visitor, "click", morning.AddMinutes(2)),

            // Without session ids: two server-side sessions, 40 minutes apart; the second has a lead.
            Page(visitor, null, "/pricing", "mixed", morning.AddHours(2)),
            Track(visitor, null, "heartbeat", morning.AddHours(2).AddMinutes(5)),
            Page(visitor, null, "/features/crm", "mixed", morning.AddHours(2).AddMinutes(45)),
            Track(visitor, null, "lead", morning.AddHours(2).AddMinutes(50)),
        };
        await SendAndWaitAsync(visitor, events, stored: events.Count);

        // The client lost the answer to the server-side events and sends them again: counted once.
        var serverSide = events.Where(e => e["context"]!["sessionId"] is null).ToList();
        await ResendAsync(visitor, serverSide, stored: events.Count);

        var rows = await ReportClient.LandingAsync(fixture.Host, "page", morning, morning.AddDays(1));
        var byPage = rows.ToDictionary(r => (string)r["page"]!, r => (Sessions: (long)r["sessions"]!, Bounces: (long)r["bounces"]!, Leads: (long)r["leads"]!, Median: (double)r["medianDurationSeconds"]!));
        Assert.Equal((1L, 0L, 0L, 120.0), byPage["/"]);
        Assert.Equal((1L, 1L, 0L, 300.0), byPage["/pricing"]);
        Assert.Equal((1L, 0L, 1L, 300.0), byPage["/features/crm"]);
        Assert.Equal(3, byPage.Count);
        Assert.Equal(1, (long)Assert.Single(await ReportClient.LandingAsync(fixture.Host, "keyword", morning, morning.AddDays(1)))["visitors"]!);
    }

    private static string Visitor() => "v-" + Guid.NewGuid().ToString("N");

    /// <summary>Sends the events and waits until the visitor has <paramref name="stored"/> rows, copies included.</summary>
    private async Task SendAndWaitAsync(string visitor, IReadOnlyList<JsonObject> events, int stored)
    {
        using var http = fixture.Host.CreateClient();
        Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, events.Select(e => (JsonObject)e.DeepClone()).ToList()));
        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, stored, where: $"anonymous_id = '{visitor}'", aggregate: "count()");
    }

    /// <summary>Sends copies of events already stored and waits until the loader got past them; the visitor still has <paramref name="stored"/> rows.</summary>
    private async Task ResendAsync(string visitor, IReadOnlyList<JsonObject> events, int stored)
    {
        using var http = fixture.Host.CreateClient();
        Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, fixture.Host.WriteKey, events.Select(e => (JsonObject)e.DeepClone()).ToList()));
        await LoadMarker.SendAndWaitAsync(fixture.Host);
        Assert.Equal(stored, await ClickHouseHttp.CountAsync(fixture.Host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE anonymous_id = '{visitor}'"));
    }

    private static JsonObject Page(string visitor, string? session, string path, string keyword, DateTimeOffset time)
    {
        var page = Event("page", visitor, session, path, time);
        page["context"]!["campaign"] = new JsonObject { ["term"] = keyword };
        return page;
    }

    private static JsonObject Track(string visitor, string? session, string name, DateTimeOffset time)
    {
        var track = Event("track", visitor, session, "/", time);
        track["event"] = name;
        return track;
    }

    private static JsonObject Event(string type, string visitor, string? session, string path, DateTimeOffset time)
    {
        var context = new JsonObject
        {
            ["page"] = new JsonObject { ["path"] = path, ["url"] = "https://www.example.cn" + path },
            ["userAgent"] = LandingDataset.ChromeUa,
        };
        if (session is not null)
        {
            context["sessionId"] = session;
        }

        return new JsonObject
        {
            ["type"] = type,
            ["messageId"] = "m-" + Guid.NewGuid().ToString("N"),
            ["anonymousId"] = visitor,
            ["timestamp"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["context"] = context,
        };
    }
}
