using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>Reads JSON values into <see cref="Utf8Slice"/>s without allocating strings.</summary>
internal static class JsonValues
{
    public const int MaxIdentifierBytes = 255;

    /// <summary>Stack room for a short escaped string: 64 raw bytes, each of which may become 3.</summary>
    public const int ShortTextBytes = 3 * 64;

    /// <summary>
    /// Whether the current property name (or string) is <paramref name="name"/>, escaped or not. Unlike
    /// ValueTextEquals, an escaped lone surrogate is no exception.
    /// </summary>
    public static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? EscapedIs(reader.ValueSpan, name) : reader.ValueSpan.SequenceEqual(name);

    /// <summary>A short escaped string unescaped into <paramref name="buffer"/>; empty when too long for it.</summary>
    public static ReadOnlySpan<byte> Unescaped(ReadOnlySpan<byte> raw, Span<byte> buffer) =>
        Utf8Text.MaxOutput(raw.Length) <= buffer.Length ? buffer[..Utf8Text.Unescape(raw, buffer)] : default;

    // Not inlined: keeps the stack buffer, and its zeroing, off the common path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EscapedIs(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name)
    {
        Span<byte> buffer = stackalloc byte[ShortTextBytes];
        return Unescaped(raw, buffer).SequenceEqual(name);
    }

    /// <summary>Reads a string (or, when allowed, a number as its text); null reads as empty. Returns an error or null.</summary>
    public static string? ReadText(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, string field, out Utf8Slice slice, bool allowNumber = false, int maxBytes = int.MaxValue)
    {
        slice = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan):
                // TokenStartIndex is the opening quote.
                slice = new Utf8Slice(baseOffset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, InScratch: false);
                break;
            case JsonTokenType.String:
                slice = reader.ValueIsEscaped
                    ? Repaired(reader.ValueSpan, scratch, Utf8Text.Unescape)
                    : Repaired(reader.ValueSpan, scratch, Utf8Text.CopyReplacingInvalid);
                break;
            case JsonTokenType.Number when allowNumber:
                slice = new Utf8Slice(baseOffset + (int)reader.TokenStartIndex, reader.ValueSpan.Length, InScratch: false);
                break;
            default:
                return allowNumber ? $"{field}: must be a string or a number" : $"{field}: must be a string";
        }

        return slice.Length > maxBytes ? $"{field}: must be at most {maxBytes} bytes" : null;
    }

    /// <summary>
    /// A raw JSON object (properties, traits) kept as sent, unless it holds invalid UTF-8: then a repaired copy.
    /// Replacing whole invalid sequences never touches the ASCII that gives JSON its structure.
    /// </summary>
    public static Utf8Slice ValidUtf8(ReadOnlySpan<byte> json, int baseOffset, Utf8Slice raw, PooledBufferWriter scratch)
    {
        if (raw.IsEmpty)
        {
            return raw;
        }

        var bytes = json.Slice(raw.Start - baseOffset, raw.Length);
        return Utf8.IsValid(bytes) ? raw : Repaired(bytes, scratch, Utf8Text.CopyReplacingInvalid);
    }

    private static Utf8Slice Repaired(ReadOnlySpan<byte> source, PooledBufferWriter scratch, Repair repair)
    {
        var start = scratch.WrittenCount;
        var written = repair(source, scratch.GetSpan(Utf8Text.MaxOutput(source.Length)));
        scratch.Advance(written);
        return new Utf8Slice(start, written, InScratch: true);
    }

    private delegate int Repair(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Reads an ISO 8601 date-time string; null reads as absent.</summary>
    public static string? ReadTime(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && TryGetTime(ref reader, out var parsed))
        {
            value = parsed;
            return null;
        }

        return $"{field}: must be an ISO 8601 date-time string such as 2024-05-01T12:00:00.000Z";
    }

    // TryGetDateTimeOffset throws, rather than failing, on an escaped lone surrogate.
    private static bool TryGetTime(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        try
        {
            return reader.TryGetDateTimeOffset(out value);
        }
        catch (InvalidOperationException) when (reader.ValueIsEscaped)
        {
            value = default;
            return false;
        }
    }

    /// <summary>Reads a non-negative number, clamped to 0..65535 (screen sizes); null reads as 0.</summary>
    public static string? ReadDimension(ref Utf8JsonReader reader, string field, out ushort value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && number >= 0)
        {
            value = (ushort)Math.Min(number, ushort.MaxValue);
            return null;
        }

        return $"{field}: must be a non-negative number";
    }

    /// <summary>Skips an object value, returning its raw extent; null reads as empty.</summary>
    public static string? ReadObject(ref Utf8JsonReader reader, int baseOffset, string field, out Utf8Slice slice)
    {
        slice = default;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"{field}: must be an object";
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        slice = new Utf8Slice(baseOffset + start, (int)reader.BytesConsumed - start, InScratch: false);
        return null;
    }
}
