using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// A resent message changes nothing (docs/resends.md): its first copy is stored, later copies within the
/// window are not, whatever time they carry. Each test has its own days and ids.
/// </summary>
public sealed partial class ResendTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>The window docs/resends.md and the README promise, in days.</summary>
    private const int PromisedDays = 7;

    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    [Fact]
    public async Task The_readme_example_sent_twice_three_seconds_apart_is_one_row_and_a_session_of_no_duration()
    {
        // The README's own request, with ids of this test: it has no timestamp, so each copy gets its receive time.
        var run = Guid.NewGuid().ToString("N");
        var body = ReadmeExample().Replace("\"m-1\"", $"\"m-{run}\"", StringComparison.Ordinal)
            .Replace("\"v-1\"", $"\"v-{run}\"", StringComparison.Ordinal)
            .Replace("\"s-1\"", $"\"s-{run}\"", StringComparison.Ordinal)
            .Replace("\"/pricing\"", $"\"/r-{run}\"", StringComparison.Ordinal);
        using var http = fixture.Host.CreateClient();
        await SendAsync(http, body);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await SendAsync(http, body);
        await LoadMarker.SendAndWaitAsync(fixture.Host);

        var rows = await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT timestamp FROM tracking.events WHERE message_id = 'm-{run}'");
        Assert.Single(rows);
        // curl's user agent makes the session a bot's, which reports leave out unless asked.
        var landing = Assert.Single(await LandingAsync(Today, Today.AddDays(1), $"/r-{run}", "&includeBots=true"));
        Assert.Equal(1, (long)landing["sessions"]!);
        Assert.Equal(0.0, (double)landing["medianDurationSeconds"]!, 3);
    }

    [Fact]
    public async Task One_message_id_with_timestamps_on_two_days_is_one_row_counted_once_at_the_first_copys_time()
    {
        var first = Today.AddDays(-60).AddHours(10);
        var second = first.AddDays(1);
        var visitor = "v-" + Guid.NewGuid().ToString("N");
        var messageId = "m-" + Guid.NewGuid().ToString("N");
        await SendAndLoadAsync(Page(messageId, visitor, first));
        await SendAndLoadAsync(Page(messageId, visitor, second));

        var stored = Assert.Single(await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT toUnixTimestamp64Milli(timestamp) AS ms FROM tracking.events WHERE message_id = '{messageId}'"));
        Assert.Equal(first.ToUnixTimeMilliseconds(), (long)stored["ms"]!);
        var firstDay = Assert.Single(await LandingAsync(DayOf(first), DayOf(first).AddDays(1), PathOf(visitor)));
        Assert.Equal(1, (long)firstDay["sessions"]!);
        Assert.Equal(0.0, (double)firstDay["medianDurationSeconds"]!, 3);
        Assert.Empty(await LandingAsync(DayOf(second), DayOf(second).AddDays(1), PathOf(visitor)));
    }

    [Fact]
    public async Task Copies_in_one_batch_store_the_first_of_them()
    {
        var first = Today.AddDays(-70).AddHours(10);
        var visitor = "v-" + Guid.NewGuid().ToString("N");
        var messageId = "m-" + Guid.NewGuid().ToString("N");
        await SendAndLoadAsync(Page(messageId, visitor, first), Page(messageId, visitor, first.AddDays(1)), Page(messageId, visitor, first.AddHours(-3)));

        var stored = Assert.Single(await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT toUnixTimestamp64Milli(timestamp) AS ms FROM tracking.events WHERE message_id = '{messageId}'"));
        Assert.Equal(first.ToUnixTimeMilliseconds(), (long)stored["ms"]!);
        var sessions = Assert.Single(await LandingAsync(DayOf(first).AddDays(-1), DayOf(first).AddDays(2), PathOf(visitor)));
        Assert.Equal(1, (long)sessions["sessions"]!);
        Assert.Equal(0.0, (double)sessions["medianDurationSeconds"]!, 3);
    }

    [Fact]
    public async Task A_copy_within_the_promised_window_is_dropped_and_one_after_the_window_may_be_stored_again()
    {
        var time = Today.AddDays(-80).AddHours(10);
        var visitor = "v-" + Guid.NewGuid().ToString("N");
        var withinWindow = "m-" + Guid.NewGuid().ToString("N");
        var pastWindow = "m-" + Guid.NewGuid().ToString("N");

        // As if each message's first copy had been loaded that long ago; OPTIMIZE applies the table's TTL now.
        var project = await ProjectAsync();
        await ClickHouseHttp.QueryAsync(
            fixture.Host.InternalClickHouseAddress,
            $"INSERT INTO tracking.message_ids (project_id, message_id, first_seen) VALUES ('{project}', '{withinWindow}', now64(3) - INTERVAL {PromisedDays * 24 * 60 - 1} MINUTE), ('{project}', '{pastWindow}', now64(3) - INTERVAL {(PromisedDays + 2) * 24} HOUR)");
        await ClickHouseHttp.QueryAsync(fixture.Host.InternalClickHouseAddress, "OPTIMIZE TABLE tracking.message_ids FINAL");

        await SendAndLoadAsync(Page(withinWindow, visitor, time), Page(pastWindow, visitor, time));

        Assert.Equal(0, await ClickHouseHttp.CountAsync(fixture.Host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE message_id = '{withinWindow}'"));
        Assert.Equal(1, await ClickHouseHttp.CountAsync(fixture.Host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE message_id = '{pastWindow}'"));
    }

    [Fact]
    public async Task A_copy_sent_after_a_restart_of_the_host_is_dropped()
    {
        using var data = new TempDirectory("tracking-resend-restart");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.100" });
        var first = Today.AddDays(-90).AddHours(10);
        var visitor = "v-" + Guid.NewGuid().ToString("N");
        var messageId = "m-" + Guid.NewGuid().ToString("N");
        await host.StartAsync();
        await SendAndLoadAsync(host, Page(messageId, visitor, first));
        await host.StopAsync();

        await host.StartAsync();
        await SendAndLoadAsync(host, Page(messageId, visitor, first.AddDays(2)));

        var stored = Assert.Single(await ClickHouseHttp.RowsAsync(host.ClickHouseAddress, $"SELECT toUnixTimestamp64Milli(timestamp) AS ms FROM tracking.events WHERE message_id = '{messageId}'"));
        Assert.Equal(first.ToUnixTimeMilliseconds(), (long)stored["ms"]!);
    }

    /// <summary>A landing page of one test's own, so its rows of the report are its own.</summary>
    private static string PathOf(string visitor) => "/r-" + visitor;

    /// <summary>The landing report's rows of one landing page.</summary>
    private async Task<List<JsonObject>> LandingAsync(DateTimeOffset from, DateTimeOffset to, string page, string extra = "") =>
        (await ReportClient.LandingAsync(fixture.Host, "page", from, to, extra)).Where(r => (string?)r["page"] == page).ToList();

    /// <summary>The body of the README's first curl example to /v1/batch.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        return CurlBody().Match(readme) is { Success: true } match ? match.Groups["body"].Value : throw new InvalidOperationException("README has no curl example to /v1/batch");
    }

    private async Task<string> ProjectAsync()
    {
        await LoadMarker.SendAndWaitAsync(fixture.Host);
        return (await ClickHouseHttp.QueryAsync(fixture.Host.ClickHouseAddress, $"SELECT any(project_id) FROM tracking.events WHERE anonymous_id = '{LoadMarker.AnonymousId}'")).Trim();
    }

    private async Task SendAsync(HttpClient http, string body)
    {
        var request = CollectorClient.Post("v1/batch", fixture.Host.WriteKey, body);
        request.Headers.UserAgent.ParseAdd("curl/8.5.0");
        var answer = await CollectorClient.SendAsync(http, request);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, (int)answer.Body["accepted"]!);
    }

    private static DateTimeOffset DayOf(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Sends the events in one request and waits until the loader got past them.</summary>
    private Task SendAndLoadAsync(params JsonObject[] events) => SendAndLoadAsync(fixture.Host, events);

    private static async Task SendAndLoadAsync(HostProcess host, params JsonObject[] events)
    {
        using var http = host.CreateClient();
        Assert.Equal(events.Length, await CollectorClient.SendAllAsync(http, host.WriteKey, events, batchSize: events.Length));
        await LoadMarker.SendAndWaitAsync(host);
    }

    private static JsonObject Page(string messageId, string visitor, DateTimeOffset time) => new()
    {
        ["type"] = "page",
        ["messageId"] = messageId,
        ["anonymousId"] = visitor,
        ["timestamp"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["context"] = new JsonObject
        {
            ["sessionId"] = "s-" + visitor,
            ["page"] = new JsonObject { ["path"] = PathOf(visitor), ["url"] = "https://www.example.cn" + PathOf(visitor) },
            ["userAgent"] = LandingDataset.ChromeUa,
        },
    };

    [GeneratedRegex(@"curl -u ""\$WRITE_KEY:"" http://127\.0\.0\.1:5080/v1/batch [^\n]*-d '(?<body>[^']*)'")]
    private static partial Regex CurlBody();
}
