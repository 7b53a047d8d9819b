namespace Tracking.Collector.Tests;

public sealed class EnrichmentTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    [Fact]
    public void A_page_view_from_baidu_gets_its_chinese_keyword_and_engine()
    {
        var word = "免费 CRM";
        var record = ParsedBatch.Enrich($$$"""
            {"type":"page","messageId":"m1","anonymousId":"a",
             "context":{"sessionId":"s","userAgent":"{{{Chrome}}}","page":{"url":"https://x.cn/p?a=1","referrer":"https://www.baidu.com/s?wd={{{Uri.EscapeDataString(word)}}}"} } }
            """);
        Assert.Equal(word, record["keyword"]);
        Assert.Equal("baidu", record["search_engine"]);
        Assert.Equal("www.baidu.com", record["referrer_host"]);
        Assert.Equal("/p", record["page_path"]);
        Assert.Equal("s", record["session_id"]);
        Assert.Equal("Chrome", record["browser"]);
        Assert.Equal(false, record["is_bot"]);
    }

    [Fact]
    public void Utm_tags_come_from_the_page_url_when_the_client_sent_no_campaign()
    {
        var record = ParsedBatch.Enrich("""
            {"type":"page","anonymousId":"a","context":{"page":{"url":"https://x.cn/?utm_source=wx&utm_term=%E8%90%A5%E9%94%80"}}}
            """);
        Assert.Equal("wx", record["utm_source"]);
        Assert.Equal("营销", record["utm_term"]);
        Assert.Equal("营销", record["keyword"]);
    }

    [Fact]
    public void Segment_style_page_fields_in_properties_are_used()
    {
        var record = ParsedBatch.Enrich("""
            {"type":"page","anonymousId":"a","properties":{"path":"/pricing","url":"https://x.cn/pricing","referrer":"https://www.google.com/"}}
            """);
        Assert.Equal("/pricing", record["page_path"]);
        Assert.Equal("(not provided)", record["keyword"]);
        Assert.Equal("""{"path":"/pricing","url":"https://x.cn/pricing","referrer":"https://www.google.com/"}""", record["properties"]);
    }

    [Fact]
    public void Escaped_strings_are_stored_unescaped()
    {
        var record = ParsedBatch.Enrich("""
            {"type":"track","event":"sign\u0075p \"now\"","anonymousId":"a\/b"}
            """);
        Assert.Equal("signup \"now\"", record["event"]);
        Assert.Equal("a/b", record["anonymous_id"]);
    }

    [Fact]
    public void The_client_clock_is_corrected_with_sent_at()
    {
        // The client clock is 1 hour behind: it stamped the event 5 s before sending.
        var record = ParsedBatch.Enrich("""
            {"type":"track","event":"x","anonymousId":"a","timestamp":"2026-11-23T10:59:55Z","sentAt":"2026-11-23T11:00:00Z"}
            """);
        Assert.Equal(ParsedBatch.ReceivedAt.AddSeconds(-5), record["timestamp"]);
        Assert.Equal(ParsedBatch.ReceivedAt, record["received_at"]);
    }

    [Fact]
    public void An_ip_the_client_claims_is_anonymized_to_its_48_bit_prefix()
    {
        var claimed = ParsedBatch.Enrich("""{"type":"track","event":"x","anonymousId":"a","context":{"ip":"2001:db8:85a3:8d3:1319:8a2e:370:7348"}}""");
        Assert.Equal("2001:db8:85a3::", claimed["ip"]);
    }

    [Fact]
    public void Bots_are_flagged_from_the_header_user_agent_when_the_event_has_none()
    {
        var record = ParsedBatch.Enrich("""{"type":"page","anonymousId":"a"}""", headerUserAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        Assert.Equal(true, record["is_bot"]);
    }

    [Fact]
    public void Events_without_message_id_get_a_server_one()
    {
        var first = ParsedBatch.Enrich("""{"type":"page","anonymousId":"a"}""");
        var second = ParsedBatch.Enrich("""{"type":"page","anonymousId":"a"}""");
        Assert.StartsWith("srv-", (string)first["message_id"], StringComparison.Ordinal);
        Assert.NotEqual(first["message_id"], second["message_id"]);
    }
}
