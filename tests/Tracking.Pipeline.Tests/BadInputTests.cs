using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class BadInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly string _run = "bad-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_where()
    {
        var (status, body) = await SendAsync(Post("v1/batch", "{\"batch\":[{\"type\":\"page\",\"anonymousId\":\"a\"},{\"type\":\"page\""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON at byte", (string)body["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_bad_event_is_rejected_by_index_and_the_good_ones_are_kept()
    {
        var events = new[]
        {
            Good(0),
            JsonNode.Parse("""{"type":"track","anonymousId":"a"}""")!.AsObject(),          // no event name
            JsonNode.Parse("""{"type":"page","messageId":"x","properties":"nope"}""")!.AsObject(), // no ids
            Good(3),
            JsonNode.Parse("""{"type":"page","anonymousId":"a","timestamp":12}""")!.AsObject(),
            Good(5),
        };
        var (status, body) = await SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, events));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, (int)body["accepted"]!);
        var rejected = body["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string)r["error"]!)).ToList();
        Assert.Equal([1, 2, 4], rejected.Select(r => r.Item1));
        Assert.StartsWith("batch[1].event:", rejected[0].Item2, StringComparison.Ordinal);
        Assert.StartsWith("batch[2].", rejected[1].Item2, StringComparison.Ordinal);
        Assert.StartsWith("batch[4].timestamp:", rejected[2].Item2, StringComparison.Ordinal);
        await AssertStoredAsync(3);
    }

    [Fact]
    public async Task A_batch_with_no_valid_event_is_a_400_listing_every_problem()
    {
        var (status, body) = await SendAsync(Post("v1/batch", """{"batch":[{"type":"nope"},{"anonymousId":"a"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, body["rejected"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_oversize_event_is_rejected_and_its_neighbours_kept()
    {
        var big = Good(1);
        big["properties"] = new JsonObject { ["blob"] = new string('x', 33 * 1024) };
        var (status, body) = await SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, [Good(0), big, Good(2)]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("limit is 32768 bytes", (string)body["rejected"]![0]!["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(2);
    }

    [Fact]
    public async Task Bodies_over_500_KB_and_batches_over_500_events_are_413()
    {
        var huge = Enumerable.Range(0, 40).Select(i =>
        {
            var e = Good(i);
            e["properties"] = new JsonObject { ["blob"] = new string('y', 15_000) };
            return e;
        });
        var (status, body) = await SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.StartsWith("body:", (string)body["error"]!, StringComparison.Ordinal);

        (status, body) = await SendAsync(CollectorClient.Batch(fixture.Host.WriteKey, Enumerable.Range(0, 501).Select(Good)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.StartsWith("batch:", (string)body["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_or_missing_write_keys_are_401_and_the_read_key_cannot_write()
    {
        var (status, body) = await SendAsync(CollectorClient.Batch("wk_nobody", [Good(0)]));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("writeKey: unknown write key", (string)body["error"]!);

        (status, _) = await SendAsync(CollectorClient.Batch(fixture.Host.ReadKey, [Good(0)]));
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        (status, body) = await SendAsync(Post("v1/batch", new JsonObject { ["batch"] = new JsonArray(Good(0)) }.ToJsonString(), key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("writeKey: missing", (string)body["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(0);
    }

    [Fact]
    public async Task Beacon_bodies_carry_the_key_in_the_body_as_text_plain()
    {
        var beacon = new JsonObject { ["batch"] = new JsonArray(Good(0), Good(1)), ["writeKey"] = fixture.Host.WriteKey };
        var (status, body) = await SendAsync(Post("v1/batch", beacon.ToJsonString(), key: null, contentType: "text/plain"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (int)body["accepted"]!);
        await AssertStoredAsync(2);
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted_and_broken_gzip_is_a_400()
    {
        var json = Encoding.UTF8.GetBytes(new JsonObject { ["batch"] = new JsonArray(Good(0), Good(1), Good(2)) }.ToJsonString());
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json);
        }

        var request = Post("v1/batch", string.Empty);
        request.Content = new ByteArrayContent(compressed.ToArray());
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        var (status, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, (int)body["accepted"]!);

        var broken = Post("v1/batch", string.Empty);
        broken.Content = new ByteArrayContent([0x1f, 0x8b, 8, 0, 1, 2, 3]);
        broken.Content.Headers.ContentEncoding.Add("gzip");
        (status, _) = await SendAsync(broken);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertStoredAsync(3);
    }

    [Fact]
    public async Task Single_event_endpoints_take_the_implied_type()
    {
        string[] endpoints = ["track", "page", "identify"];
        foreach (var type in endpoints)
        {
            var untyped = new JsonObject { ["anonymousId"] = "a", ["event"] = "lead", ["messageId"] = $"{_run}-{type}", ["writeKey"] = fixture.Host.WriteKey };
            var (status, body) = await SendAsync(Post("v1/" + type, untyped.ToJsonString(), key: null));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(1, (int)body["accepted"]!);
        }

        var (badStatus, bad) = await SendAsync(Post("v1/identify", """{"traits":{"plan":"pro"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.StartsWith("anonymousId:", (string)bad["error"]!, StringComparison.Ordinal);
        await AssertStoredAsync(endpoints.Length);

        var stored = await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT message_id, type FROM tracking.events WHERE startsWith(message_id, '{_run}-')");
        Assert.All(endpoints, type => Assert.Equal(type, (string)stored.Single(row => (string)row["message_id"]! == $"{_run}-{type}")["type"]!));
    }

    [Fact]
    public async Task Browsers_may_post_from_any_site()
    {
        using var http = fixture.Host.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "v1/batch");
        preflight.Headers.Add("Origin", "https://landing.example.cn");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await http.SendAsync(preflight);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private JsonObject Good(int i) => new()
    {
        ["type"] = "track",
        ["event"] = "click",
        ["anonymousId"] = "visitor-" + _run,
        ["messageId"] = $"{_run}-{i}",
        ["context"] = new JsonObject { ["sessionId"] = _run },
    };

    private HttpRequestMessage Post(string path, string body, string? key = "", string contentType = "application/json") =>
        CollectorClient.Post(path, key == string.Empty ? fixture.Host.WriteKey : key, body, contentType);

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var http = fixture.Host.CreateClient();
        var answer = await CollectorClient.SendAsync(http, request);
        return (answer.Status, answer.Body);
    }

    private Task AssertStoredAsync(int expected) => StoredEvents.AssertCountAsync(fixture.Host, _run, expected);
}
