using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>Issue 14, collector side: auth before the body, bounded event times, clean UTF-8, report dates the store can hold.</summary>
public sealed class CollectorHardeningTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly string _run = "hard-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("{\"batch\":[{\"type\":", "wk_wrong")]
    [InlineData("not json at all", "wk_wrong")]
    [InlineData("{\"batch\":[{\"type\":", null)]
    [InlineData("", null)]
    public async Task A_wrong_or_missing_key_is_401_whatever_the_body(string body, string? key)
    {
        var answer = await SendAsync(CollectorClient.Post("v1/batch", key, body));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("writeKey: ", (string)answer.Body["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_event_without_a_key_is_401_even_when_the_event_is_invalid()
    {
        var answer = await SendAsync(CollectorClient.Post("v1/identify", null, """{"traits":{"plan":"pro"}}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("writeKey: missing", (string)answer.Body["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_too_large_to_read_its_key_from_is_401_without_a_header_key_and_413_with_one()
    {
        var huge = new JsonObject { ["writeKey"] = fixture.Host.WriteKey, ["batch"] = new JsonArray(new JsonObject { ["blob"] = new string('x', 600 * 1024) }) }.ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(CollectorClient.Post("v1/batch", null, huge))).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(CollectorClient.Post("v1/batch", fixture.Host.WriteKey, huge))).Status);
    }

    [Fact]
    public async Task A_known_body_key_before_the_break_gets_the_parse_error()
    {
        var answer = await SendAsync(CollectorClient.Post("v1/batch", null, $$"""{"writeKey":"{{fixture.Host.WriteKey}}","batch":[{"type":"""));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("malformed JSON", (string)answer.Body["error"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/track", """{"sentAt":"yesterday","type":"track","event":"x","anonymousId":"v-1","writeKey":"KEY"}""")]
    [InlineData("v1/track", """{"sentAt":{"a":[1]},"anonymousId":"v-1","event":"x","writeKey":"KEY"}""")]
    [InlineData("v1/batch", """{"sentAt":5,"writeKey":"KEY","batch":[{"type":"track","event":"x","anonymousId":"v-1"}]}""")]
    public async Task A_wrong_field_before_the_body_key_is_400_naming_it_with_the_right_key_and_401_with_a_wrong_one(string path, string body)
    {
        var known = await SendAsync(CollectorClient.Post(path, null, body.Replace("KEY", fixture.Host.WriteKey, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, known.Status);
        Assert.Contains("sentAt: ", known.Body.ToJsonString(), StringComparison.Ordinal);

        var wrong = await SendAsync(CollectorClient.Post(path, null, body.Replace("KEY", "wk_wrong", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("writeKey: unknown write key", (string)wrong.Body["error"]!);
    }

    [Theory]
    [InlineData(100, "中")] // 300 UTF-8 bytes: once overran a 256-byte buffer and answered 500
    [InlineData(129, "k")]
    [InlineData(900, "k")]
    public async Task Long_and_non_ascii_basic_auth_names_are_401(int count, string character)
    {
        var request = CollectorClient.Post("v1/batch", null, new JsonObject { ["batch"] = new JsonArray(Good(0)) }.ToJsonString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(character, count)) + ":")));
        var answer = await SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("writeKey: unknown write key", (string)answer.Body["error"]!);
    }

    [Fact]
    public async Task Basic_credentials_that_are_not_base64_are_401_naming_the_header()
    {
        var request = CollectorClient.Post("v1/batch", null, new JsonObject { ["batch"] = new JsonArray(Good(0)) }.ToJsonString());
        request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64%%%");
        var answer = await SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("Authorization:", (string)answer.Body["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(0);
    }

    [Fact]
    public async Task Event_times_are_bounded_by_when_the_collector_received_them()
    {
        var now = DateTimeOffset.UtcNow;
        var events = new[]
        {
            Good(0, timestamp: now.AddDays(3)),                    // 3 days ahead: becomes receivedAt
            Good(1, timestamp: now.AddHours(30), sentAt: now),     // 30 h after its sentAt, so 30 h after receivedAt
            Good(2, timestamp: now.AddHours(20)),                  // within a day: kept
            Good(3, timestamp: now.AddDays(-367)),                 // older than the default 366 days: rejected
            Good(4, timestamp: now.AddDays(-300)),                 // kept
            Good(5, timestamp: now.AddDays(-400).AddMinutes(-1), sentAt: now.AddDays(-400)), // a clock 400 days slow, corrected to a minute ago
        };
        var answer = await SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, events));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(5, (int)answer.Body["accepted"]!);
        var rejected = Assert.Single(answer.Body["rejected"]!.AsArray());
        Assert.Equal(3, (int)rejected!["index"]!);
        Assert.StartsWith("batch[3].timestamp: more than 366 days", (string)rejected["error"]!, StringComparison.Ordinal);

        var stored = await StoredTimesAsync(5);
        Assert.Equal(stored[$"{_run}-0"].ReceivedAt, stored[$"{_run}-0"].Timestamp);
        Assert.Equal(stored[$"{_run}-1"].ReceivedAt, stored[$"{_run}-1"].Timestamp);
        Assert.Equal(now.AddHours(20).ToUnixTimeMilliseconds(), stored[$"{_run}-2"].Timestamp);
        Assert.Equal(now.AddDays(-300).ToUnixTimeMilliseconds(), stored[$"{_run}-4"].Timestamp);
        var corrected = stored[$"{_run}-5"];
        Assert.Equal(corrected.ReceivedAt - 60_000, corrected.Timestamp);
    }

    [Fact]
    public async Task A_single_event_older_than_the_bound_is_a_400_naming_timestamp()
    {
        var old = Good(0, timestamp: DateTimeOffset.UtcNow.AddYears(-2));
        var answer = await SendAsync(CollectorClient.Post("v1/track", fixture.Host.WriteKey, old.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("timestamp:", (string)answer.Body["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(0);
    }

    [Fact]
    public async Task Invalid_utf8_is_stored_as_replacement_characters_and_escaped_nuls_are_dropped()
    {
        var body = RawBody.Of($$$"""
            {"batch":[
              {"type":"track","event":"sign¤FFup","messageId":"{{{_run}}}-\u0000u","anonymousId":"v\u0000¤C3","userId":"u\uD800",
               "context":{"sessionId":"s\u0000","page":{"title":"t¤E4¤BD"}},"properties":{"k":"v¤FF"},"traits":{"¤80":1}},
              {"type":"track","event":"ok","messageId":"{{{_run}}}-plain","anonymousId":"v"}]}
            """);
        var answer = await SendAsync(RawBody.Post("v1/batch", fixture.Host.WriteKey, body));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2, (int)answer.Body["accepted"]!);

        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, 2, where: $"startsWith(message_id, '{_run}-')");
        var row = (await ClickHouseHttp.RowsAsync(
            fixture.Host.ClickHouseAddress,
            $"SELECT hex(message_id) AS m, hex(event) AS e, hex(anonymous_id) AS a, hex(user_id) AS u, hex(session_id) AS s, hex(page_title) AS t, hex(properties) AS p, hex(traits) AS tr FROM tracking.events WHERE message_id = '{_run}-u'")).Single();
        Assert.Equal(Hex($"{_run}-u"), (string)row["m"]!);
        Assert.Equal(Hex("sign\uFFFDup"), (string)row["e"]!);
        Assert.Equal(Hex("v\uFFFD"), (string)row["a"]!);
        Assert.Equal(Hex("u\uFFFD"), (string)row["u"]!);
        Assert.Equal(Hex("s"), (string)row["s"]!);
        Assert.Equal(Hex("t\uFFFD"), (string)row["t"]!);
        Assert.Equal(Hex("{\"k\":\"v\uFFFD\"}"), (string)row["p"]!);
        Assert.Equal(Hex("{\"\uFFFD\":1}"), (string)row["tr"]!);
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_in_a_field_name_or_type_is_no_server_error()
    {
        var answer = await SendAsync(CollectorClient.Post("v1/batch", fixture.Host.WriteKey, $$"""
            {"\ud800":1,"batch":[{"type":"\ud800","anonymousId":"a"},{"\udc00":2,"type":"tr\u0061ck","event":"e","anonymousId":"a","messageId":"{{_run}}-0"}]}
            """));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, (int)answer.Body["accepted"]!);
        Assert.StartsWith("batch[0].type: must be one of", (string)answer.Body["rejected"]![0]!["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(1);
    }

    [Theory]
    [InlineData("from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from: must lie between")]
    [InlineData("from=1900-01-01T00:00:00Z&to=1900-03-01T00:00:00Z", "from: must lie between")]
    [InlineData("to=0001-01-08T00:00:00Z", "to: must lie between")]
    [InlineData("from=2299-12-30T00:00:00Z&to=2300-01-01T00:00:00Z", "to: must lie between")]
    [InlineData("to=1900-01-03T00:00:00Z", "from: must lie between")] // from defaults to 7 days earlier
    public async Task Report_dates_the_store_cannot_hold_are_400_naming_the_parameter(string query, string expected)
    {
        using var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.ReadKey);
        using var response = await http.GetAsync(new Uri("v1/reports/landing?" + query, UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, (string)body["error"]!, StringComparison.Ordinal);
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    private JsonObject Good(int i, DateTimeOffset? timestamp = null, DateTimeOffset? sentAt = null)
    {
        var e = new JsonObject { ["type"] = "track", ["event"] = "click", ["anonymousId"] = "visitor-" + _run, ["messageId"] = $"{_run}-{i}" };
        if (timestamp is { } ts)
        {
            e["timestamp"] = ts.ToString("O", CultureInfo.InvariantCulture);
        }

        if (sentAt is { } sent)
        {
            e["sentAt"] = sent.ToString("O", CultureInfo.InvariantCulture);
        }

        return e;
    }

    private async Task<CollectorAnswer> SendAsync(HttpRequestMessage request)
    {
        using var http = fixture.Host.CreateClient();
        return await CollectorClient.SendAsync(http, request);
    }

    private async Task<Dictionary<string, (long Timestamp, long ReceivedAt)>> StoredTimesAsync(int expected)
    {
        var where = $"startsWith(message_id, '{_run}-')";
        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, expected, where: where);
        var rows = await ClickHouseHttp.RowsAsync(
            fixture.Host.ClickHouseAddress,
            $"SELECT message_id, toString(toUnixTimestamp64Milli(timestamp)) AS ts, toString(toUnixTimestamp64Milli(received_at)) AS ra FROM tracking.events WHERE {where}");
        Assert.Equal(expected, rows.Count);
        return rows.ToDictionary(
            r => (string)r["message_id"]!,
            r => (long.Parse((string)r["ts"]!, CultureInfo.InvariantCulture), long.Parse((string)r["ra"]!, CultureInfo.InvariantCulture)));
    }

    private Task AssertStoredAsync(int expected) => StoredEvents.AssertCountAsync(fixture.Host, _run, expected);
}
