using System.Text;
using System.Text.Json;
using Tracking.Collector.Parsing;
using Tracking.Events;

namespace Tracking.Collector.Tests;

public sealed class Utf8TextTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xFF, (byte)'b' }, "a\uFFFDb")]
    [InlineData(new byte[] { 0xE4, 0xBD }, "\uFFFD")] // a truncated 3-byte sequence is one maximal invalid subsequence
    [InlineData(new byte[] { 0xC0, 0xAF }, "\uFFFD\uFFFD")] // an overlong '/' is two
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\uFFFD\uFFFD\uFFFD")] // an encoded surrogate is never valid UTF-8
    [InlineData(new byte[] { 0xE4, 0xBD, 0xA0, (byte)'!' }, "你!")]
    public void Invalid_sequences_become_replacement_characters(byte[] input, string expected)
    {
        var output = new byte[Utf8Text.MaxOutput(input.Length)];
        var written = Utf8Text.CopyReplacingInvalid(input, output);
        Assert.Equal(expected, Encoding.UTF8.GetString(output, 0, written));
        Assert.True(System.Text.Unicode.Utf8.IsValid(output.AsSpan(0, written)));
    }

    [Theory]
    [InlineData("""a\u0000b""", "ab")]
    [InlineData("""\u0000\u0000""", "")]
    [InlineData("""x\uD800y""", "x\uFFFDy")]
    [InlineData("""\uDC00\uD83D""", "\uFFFD\uFFFD")]
    [InlineData("""\uD83D\uDE00 \u4F60\n\t\"\\\/""", "😀 你\n\t\"\\/")]
    public void Escapes_are_unescaped_with_lone_surrogates_replaced_and_nul_dropped(string raw, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var output = new byte[Utf8Text.MaxOutput(bytes.Length)];
        var written = Utf8Text.Unescape(bytes, output);
        Assert.Equal(expected, Encoding.UTF8.GetString(output, 0, written));
    }

    [Fact]
    public void Escaped_strings_without_problems_unescape_as_the_json_reader_does()
    {
        var raw = """caf\u00e9 \"q\" \ud83d\ude80 \u00001""";
        var expected = JsonSerializer.Deserialize<string>("\"" + raw + "\"")!.Replace("\0", string.Empty, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(raw);
        var output = new byte[Utf8Text.MaxOutput(bytes.Length)];
        Assert.Equal(expected, Encoding.UTF8.GetString(output, 0, Utf8Text.Unescape(bytes, output)));
    }

    [Fact]
    public void A_field_named_with_a_lone_surrogate_escape_is_skipped_not_an_error()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"page","anonymousId":"a","\ud800":1,"context":{"\udc00x":{"page":2}},"properties":{"\ud800":"y"}}""");
        using var scratch = new PooledBufferWriter(1024);
        Assert.Null(EventParser.Parse(body, 0, scratch, null, out _));
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("sentAt")]
    public void A_time_with_an_escaped_lone_surrogate_is_a_message_not_an_exception(string field)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"type":"page","anonymousId":"a","{{field}}":"\udc00\ud800x"}""");
        using var scratch = new PooledBufferWriter(1024);
        Assert.StartsWith(field + ": must be an ISO 8601", EventParser.Parse(body, 0, scratch, null, out _), StringComparison.Ordinal);
    }
}
