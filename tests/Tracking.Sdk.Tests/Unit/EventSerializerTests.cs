using System.Buffers;
using System.Text.Json;
using Tracking.Sdk.Queueing;
using Tracking.Sdk.Serialization;

namespace Tracking.Sdk.Tests.Unit;

public class EventSerializerTests
{
    private static JsonElement Serialize(TrackingEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new EventSerializer().Write(e, buffer);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    [Fact]
    public void Track_event_has_the_segment_envelope()
    {
        var id = Guid.NewGuid();
        var at = new DateTime(2025, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc);
        var visitor = new Visitor("u1", "a1") { GroupId = "acme", SessionId = "s1", UserAgent = "UA/1", Ip = "10.0.0.1" };
        var json = Serialize(new TrackingEvent(EventType.Track, "report_exported", visitor, id, at)
        {
            Properties = new Dictionary<string, object?> { ["format"] = "csv", ["rows"] = 12, ["ratio"] = 0.5, ["ok"] = true, ["none"] = null },
        });

        Assert.Equal("track", json.GetProperty("type").GetString());
        Assert.Equal(id.ToString(), json.GetProperty("messageId").GetString());
        Assert.Equal("2025-03-04T05:06:07.891Z", json.GetProperty("timestamp").GetString());
        Assert.Equal("u1", json.GetProperty("userId").GetString());
        Assert.Equal("a1", json.GetProperty("anonymousId").GetString());
        Assert.Equal("acme", json.GetProperty("groupId").GetString());
        Assert.Equal("report_exported", json.GetProperty("event").GetString());
        var properties = json.GetProperty("properties");
        Assert.Equal("csv", properties.GetProperty("format").GetString());
        Assert.Equal(12, properties.GetProperty("rows").GetInt32());
        Assert.Equal(0.5, properties.GetProperty("ratio").GetDouble());
        Assert.True(properties.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("none").ValueKind);
        var context = json.GetProperty("context");
        Assert.Equal("s1", context.GetProperty("sessionId").GetString());
        Assert.Equal("UA/1", context.GetProperty("userAgent").GetString());
        Assert.Equal("10.0.0.1", context.GetProperty("ip").GetString());
        Assert.Equal("tracking-dotnet", context.GetProperty("library").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(context.GetProperty("library").GetProperty("version").GetString()));
    }

    [Fact]
    public void Absent_ids_are_left_out()
    {
        var json = Serialize(new TrackingEvent(EventType.Identify, null, Visitor.User("u1"), Guid.NewGuid(), DateTime.UtcNow)
        {
            Traits = new Dictionary<string, object?> { ["email"] = "a@b.c" },
        });

        Assert.Equal("identify", json.GetProperty("type").GetString());
        Assert.False(json.TryGetProperty("anonymousId", out _));
        Assert.False(json.TryGetProperty("groupId", out _));
        Assert.False(json.TryGetProperty("event", out _));
        Assert.False(json.TryGetProperty("properties", out _));
        Assert.Equal("a@b.c", json.GetProperty("traits").GetProperty("email").GetString());
        Assert.False(json.GetProperty("context").TryGetProperty("sessionId", out _));
    }

    [Fact]
    public void Group_event_carries_the_account_and_its_traits()
    {
        var json = Serialize(new TrackingEvent(EventType.Group, null, new Visitor("u1") { GroupId = "other" }, Guid.NewGuid(), DateTime.UtcNow)
        {
            GroupId = "acme",
            Traits = new Dictionary<string, object?> { ["plan"] = "enterprise", ["tier"] = 1 },
        });

        Assert.Equal("group", json.GetProperty("type").GetString());
        Assert.Equal("acme", json.GetProperty("groupId").GetString());
        Assert.Equal("enterprise", json.GetProperty("traits").GetProperty("plan").GetString());
    }

    [Fact]
    public void Page_path_and_search_come_from_the_url_when_not_given()
    {
        var json = Serialize(new TrackingEvent(EventType.Page, null, Visitor.Anonymous("a1"), Guid.NewGuid(), DateTime.UtcNow)
        {
            Page = new PageInfo("https://example.com/pricing?utm_term=%E4%BD%A0%E5%A5%BD", Referrer: "https://www.baidu.com/s?wd=x", Title: "Pricing"),
        });

        var page = json.GetProperty("context").GetProperty("page");
        Assert.Equal("page", json.GetProperty("type").GetString());
        Assert.Equal("/pricing", page.GetProperty("path").GetString());
        Assert.Equal("?utm_term=%E4%BD%A0%E5%A5%BD", page.GetProperty("search").GetString());
        Assert.Equal("https://www.baidu.com/s?wd=x", page.GetProperty("referrer").GetString());
        Assert.Equal("Pricing", page.GetProperty("title").GetString());
    }

    [Fact]
    public void Step_event_is_named_for_the_step_and_says_where_it_is()
    {
        var json = Serialize(new TrackingEvent(EventType.Track, "invite_sent", Visitor.User("u1"), Guid.NewGuid(), DateTime.UtcNow)
        {
            KeyPath = "onboarding",
            StepIndex = 2,
            Properties = new Dictionary<string, object?> { ["invitees"] = 3, ["step"] = "spoofed" },
        });

        Assert.Equal("invite_sent", json.GetProperty("event").GetString());
        var properties = json.GetProperty("properties");
        Assert.Equal("onboarding", properties.GetProperty("key_path").GetString());
        Assert.Equal("invite_sent", properties.GetProperty("step").GetString());
        Assert.Equal(2, properties.GetProperty("step_index").GetInt32());
        Assert.Equal(3, properties.GetProperty("invitees").GetInt32());
        Assert.Single(properties.EnumerateObject(), p => p.Name == "step");
    }

    [Fact]
    public void Values_of_many_types_serialize_without_reflection()
    {
        var json = Serialize(new TrackingEvent(EventType.Track, "t", Visitor.User("u1"), Guid.NewGuid(), DateTime.UtcNow)
        {
            Properties = new Dictionary<string, object?>
            {
                ["nan"] = double.NaN,
                ["long"] = 1L << 40,
                ["decimal"] = 12.34m,
                ["when"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)),
                ["guid"] = Guid.Empty,
                ["enum"] = DayOfWeek.Monday,
                ["list"] = new[] { 1, 2 },
                ["nested"] = new Dictionary<string, object?> { ["a"] = "b" },
                ["chinese"] = "你好\n世界",
                ["uri"] = new Uri("https://x.test/a"),
            },
        });

        var p = json.GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, p.GetProperty("nan").ValueKind);
        Assert.Equal(1L << 40, p.GetProperty("long").GetInt64());
        Assert.Equal(12.34m, p.GetProperty("decimal").GetDecimal());
        Assert.Equal("2025-01-01T19:04:05.000Z", p.GetProperty("when").GetString());
        Assert.Equal(Guid.Empty.ToString(), p.GetProperty("guid").GetString());
        Assert.Equal("Monday", p.GetProperty("enum").GetString());
        Assert.Equal([1, 2], p.GetProperty("list").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("b", p.GetProperty("nested").GetProperty("a").GetString());
        Assert.Equal("你好\n世界", p.GetProperty("chinese").GetString());
        Assert.Equal("https://x.test/a", p.GetProperty("uri").GetString());
    }

    [Fact]
    public void Serialized_events_never_contain_a_raw_newline()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new EventSerializer().Write(
            new TrackingEvent(EventType.Track, "a\nb", Visitor.User("u\r\n1"), Guid.NewGuid(), DateTime.UtcNow)
            {
                Properties = new Dictionary<string, object?> { ["k\n"] = "v\n" },
            },
            buffer);
        Assert.DoesNotContain((byte)'\n', buffer.WrittenSpan.ToArray());
    }
}
