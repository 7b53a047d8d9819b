using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A host that refuses events more than 30 days old, so the bound is seen to be configurable.</summary>
public sealed class AgeBoundHostFixture() : HostFixture(new Dictionary<string, string> { ["Collector__MaxEventAgeDays"] = "30" });

/// <summary>
/// Generated hostile requests against a real host: whatever arrives, the answer is a 2xx or 4xx JSON object
/// with a message, never a 5xx, and every valid event sent beside bad ones is stored exactly once.
/// </summary>
public sealed class HostileBodyPropertyTests(AgeBoundHostFixture fixture) : IClassFixture<AgeBoundHostFixture>
{
    private const int Iterations = 300;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly string _run = "prop-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Strings a careless or hostile client puts where text belongs.</summary>
    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.Const("\"¤FF¤FE\""),
        Gen.Const("\"a¤C3\""),
        Gen.Const("\"¤ED¤A0¤80\""),
        Gen.Const("\"¤F4¤90¤80¤80\""),
        Gen.Const("\"\\ud800\""),
        Gen.Const("\"\\udc00\\ud800x\""),
        Gen.Const("\"\\u0000\""),
        Gen.Const("\"x\\u0000y\""),
        Gen.Const("\"\""),
        Gen.Const("null"),
        Gen.Const("1e400"),
        Gen.Const("-0"),
        Gen.Const("true"),
        Gen.Const("[]"),
        Gen.Const("{\"a\":[1,{\"b\":null}]}"),
        Gen.Const("\"" + new string('x', 300) + "\""),
        Gen.Int[1, 40].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Byte[0x80, 0xFF].Array[1, 8].Select(bytes => "\"" + string.Concat(bytes.Select(b => "¤" + b.ToString("X2", CultureInfo.InvariantCulture))) + "\""),
        Gen.String[0, 20].Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    private static readonly Gen<string> HostileTime = Gen.OneOf(
        Gen.Const("\"0001-01-01T00:00:00Z\""),
        Gen.Const("\"9999-12-31T23:59:59.9999999Z\""),
        Gen.Const("\"2299-12-31T00:00:00Z\""),
        Gen.Const("\"2024-13-45T99:00:00Z\""),
        Gen.Const("\"" + Now.AddDays(-40).ToString("O", CultureInfo.InvariantCulture) + "\""),
        Gen.Const("\"" + Now.AddYears(3).ToString("O", CultureInfo.InvariantCulture) + "\""),
        HostileText);

    private static readonly string[] Fields = ["type", "event", "messageId", "anonymousId", "userId", "groupId", "timestamp", "sentAt", "properties", "traits", "context", "writeKey"];

    private static readonly string[] ContextFields = ["page", "campaign", "screen", "sessionId", "userAgent", "locale", "ip"];

    /// <summary>A valid event whose fields are then overridden (the last duplicate wins) by hostile values: it may or may not stay valid.</summary>
    private static readonly Gen<string> HostileEvent = Gen.Select(
        Gen.Int[0, Fields.Length - 1].Array[1, 6],
        HostileText.Array[6],
        HostileTime,
        Gen.Int[0, ContextFields.Length - 1],
        (fields, values, time, contextField) =>
            "{\"type\":\"track\",\"event\":\"h\",\"anonymousId\":\"h\"," + string.Join(",", fields.Select((f, i) => $"\"{Fields[f]}\":" + (Fields[f] switch
            {
                "timestamp" or "sentAt" => time,
                "context" => $"{{\"{ContextFields[contextField]}\":{values[i]}}}",
                _ => values[i],
            }))) + "}");

    private static readonly Gen<string> NotAnObject = Gen.OneOf(Gen.Const("1"), Gen.Const("\"x\""), Gen.Const("null"), Gen.Const("[]"), Gen.Const("{}"));

    [Fact]
    public async Task Hostile_events_never_cost_their_valid_neighbours()
    {
        var expected = new ConcurrentDictionary<string, byte>();
        var slots = Gen.Frequency((3, HostileEvent.Select(e => (Json: e, Valid: false))), (1, NotAnObject.Select(e => (Json: e, Valid: false))), (3, Gen.Const((Json: string.Empty, Valid: true))));
        var requests = Gen.Select(slots.Array[1, 12], Gen.Int[0, 2], (s, k) => (Slots: s, KeyPlace: k));
        await requests.SampleAsync(
            async request =>
            {
                var ids = new List<string>();
                var events = request.Slots.Select(slot =>
                {
                    if (!slot.Valid)
                    {
                        return slot.Json;
                    }

                    var id = $"{_run}-v-{Guid.NewGuid():N}";
                    ids.Add(id);
                    return ValidEvent(id);
                });
                var keyInBody = request.KeyPlace == 1 ? $",\"writeKey\":\"{fixture.Host.WriteKey}\"" : string.Empty;
                var body = RawBody.Of("{\"batch\":[" + string.Join(",", events) + "]" + keyInBody + "}");
                var answer = await SendAsync(RawBody.Post("v1/batch", request.KeyPlace == 1 ? null : request.KeyPlace == 0 ? fixture.Host.WriteKey : "wk_wrong", body));

                AssertAnswered(answer);
                if (request.KeyPlace == 2)
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
                    return;
                }

                if (ids.Count > 0)
                {
                    Assert.Equal(HttpStatusCode.OK, answer.Status);
                    Assert.True((int)answer.Body["accepted"]! >= ids.Count, answer.Body.ToJsonString());
                    foreach (var id in ids)
                    {
                        expected[id] = 0;
                    }
                }
            },
            iter: Iterations,
            threads: 2);

        var where = $"startsWith(message_id, '{_run}-v-')";
        await ClickHouseHttp.WaitForEventsAsync(fixture.Host.ClickHouseAddress, expected.Count, where: where);
        var stored = await ClickHouseHttp.RowsAsync(fixture.Host.ClickHouseAddress, $"SELECT message_id, toString(count()) AS copies FROM tracking.events WHERE {where} GROUP BY message_id");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), stored.Select(r => (string)r["message_id"]!).Order(StringComparer.Ordinal));
        Assert.All(stored, r => Assert.Equal("1", (string)r["copies"]!));
    }

    [Fact]
    public async Task Garbage_bodies_get_a_4xx_with_a_message()
    {
        var prefixes = Gen.OneOf(Gen.Const(string.Empty), Gen.Const("{\"batch\":["), Gen.Const("{\"batch\":[{\"type\":\"page\",\"anonymousId\":"), Gen.Const("{\"writeKey\":"), Gen.Const("\u001f\u008b"));
        var bodies = Gen.Select(prefixes, Gen.Byte.Array[0, 200], Gen.Int[0, 5], (prefix, noise, cut) =>
        {
            var bytes = Encoding.Latin1.GetBytes(prefix).Concat(noise).ToArray();
            return bytes[..Math.Max(0, bytes.Length - cut)];
        });
        var requests = Gen.Select(bodies, Gen.Bool, Gen.Bool, Gen.OneOf(Gen.Const("v1/batch"), Gen.Const("v1/track"), Gen.Const("v1/page")), (body, withKey, gzip, path) => (Body: body, WithKey: withKey, Gzip: gzip, Path: path));
        await requests.SampleAsync(
            async request =>
            {
                var message = RawBody.Post(request.Path, request.WithKey ? fixture.Host.WriteKey : null, request.Body);
                if (request.Gzip)
                {
                    message.Content!.Headers.ContentEncoding.Add("gzip");
                }

                var answer = await SendAsync(message);
                AssertAnswered(answer);
                Assert.True((int)answer.Status is >= 400 and < 500, $"{(int)answer.Status}: {answer.Body.ToJsonString()}");
                Assert.Equal(request.WithKey ? answer.Status : HttpStatusCode.Unauthorized, answer.Status);
            },
            iter: Iterations * 2,
            threads: 2);
    }

    [Fact]
    public async Task The_age_bound_is_configurable()
    {
        var events = new[] { -40, -20 }.Select(days => ValidEvent($"{_run}-age{-days}", Now.AddDays(days)));
        var answer = await SendAsync(RawBody.Post("v1/batch", fixture.Host.WriteKey, Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", events) + "]}")));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, (int)answer.Body["accepted"]!);
        Assert.StartsWith("batch[0].timestamp: more than 30 days", (string)answer.Body["rejected"]![0]!["error"]!, StringComparison.Ordinal);
    }

    private static string ValidEvent(string messageId, DateTimeOffset? timestamp = null) =>
        $$$"""{"type":"track","event":"e","anonymousId":"v","messageId":"{{{messageId}}}","timestamp":"{{{(timestamp ?? Now).ToString("O", CultureInfo.InvariantCulture)}}}","properties":{"t":"中文"}}""";

    private static void AssertAnswered(CollectorAnswer answer)
    {
        Assert.True((int)answer.Status < 500, $"{(int)answer.Status}: {answer.Body.ToJsonString()}");
        var message = answer.Body["error"] ?? answer.Body["accepted"];
        Assert.NotNull(message);
    }

    private async Task<CollectorAnswer> SendAsync(HttpRequestMessage request)
    {
        using var http = fixture.Host.CreateClient();
        return await CollectorClient.SendAsync(http, request);
    }
}
