namespace Tracking.Collector.Tests;

public sealed class EventValidationTests
{
    [Theory]
    [InlineData("""{"anonymousId":"a"}""", "type: required")]
    [InlineData("""{"type":"pageview","anonymousId":"a"}""", "type: must be one of page")]
    [InlineData("""{"type":7,"anonymousId":"a"}""", "type: must be one of")]
    [InlineData("""{"type":"page"}""", "anonymousId: required when userId is absent")]
    [InlineData("""{"type":"track","anonymousId":"a"}""", "event: required for track events")]
    [InlineData("""{"type":"track","anonymousId":"a","event":{"x":1}}""", "event: must be a string")]
    [InlineData("""{"type":"group","userId":"u"}""", "groupId: required for group events")]
    [InlineData("""{"type":"page","anonymousId":"a","timestamp":"yesterday"}""", "timestamp: must be an ISO 8601")]
    [InlineData("""{"type":"page","anonymousId":"a","properties":[1,2]}""", "properties: must be an object")]
    [InlineData("""{"type":"page","anonymousId":"a","traits":"x"}""", "traits: must be an object")]
    [InlineData("""{"type":"page","anonymousId":"a","context":{"page":{"url":5}}}""", "context.page.url: must be a string")]
    [InlineData("""{"type":"page","anonymousId":"a","context":{"screen":{"width":"wide"}}}""", "context.screen.width: must be a non-negative number")]
    [InlineData("""{"type":"page","anonymousId":true}""", "anonymousId: must be a string or a number")]
    [InlineData("""[1]""", "event: must be a JSON object")]
    public void Invalid_events_get_a_message_naming_the_field(string json, string expectedStart)
    {
        var error = ParsedBatch.Validate(json);
        Assert.NotNull(error);
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_longer_than_255_bytes_are_refused()
    {
        var error = ParsedBatch.Validate($$"""{"type":"page","anonymousId":"{{new string('a', 256)}}"}""");
        Assert.Equal("anonymousId: must be at most 255 bytes", error);
    }

    [Theory]
    [InlineData("""{"type":"page","anonymousId":"a"}""")]
    [InlineData("""{"type":"track","userId":42,"event":"lead"}""")]
    [InlineData("""{"type":"identify","userId":"u","traits":{"email":"x@y.z"},"unknownField":[1,{"a":2}]}""")]
    [InlineData("""{"type":"group","anonymousId":"a","groupId":"acme"}""")]
    public void Valid_events_pass(string json) => Assert.Null(ParsedBatch.Validate(json));

    [Fact]
    public void A_single_event_endpoint_supplies_the_type_and_refuses_another()
    {
        Assert.Null(ParsedBatch.Validate("""{"anonymousId":"a","event":"x"}""", "track"));
        Assert.Equal("type: this endpoint takes track events, not page", ParsedBatch.Validate("""{"type":"page","anonymousId":"a"}""", "track"));
    }
}
