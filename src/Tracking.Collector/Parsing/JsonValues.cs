using System.Text.Json;
using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>Reads JSON values into <see cref="Utf8Slice"/>s without allocating strings.</summary>
internal static class JsonValues
{
    public const int MaxIdentifierBytes = 255;

    /// <summary>Reads a string (or, when allowed, a number as its text); null reads as empty. Returns an error or null.</summary>
    public static string? ReadText(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, string field, out Utf8Slice slice, bool allowNumber = false, int maxBytes = int.MaxValue)
    {
        slice = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                // TokenStartIndex is the opening quote.
                slice = new Utf8Slice(baseOffset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, InScratch: false);
                break;
            case JsonTokenType.String:
                var start = scratch.WrittenCount;
                var written = reader.CopyString(scratch.GetSpan(reader.ValueSpan.Length));
                scratch.Advance(written);
                slice = new Utf8Slice(start, written, InScratch: true);
                break;
            case JsonTokenType.Number when allowNumber:
                slice = new Utf8Slice(baseOffset + (int)reader.TokenStartIndex, reader.ValueSpan.Length, InScratch: false);
                break;
            default:
                return allowNumber ? $"{field}: must be a string or a number" : $"{field}: must be a string";
        }

        return slice.Length > maxBytes ? $"{field}: must be at most {maxBytes} bytes" : null;
    }

    /// <summary>Reads an ISO 8601 date-time string; null reads as absent.</summary>
    public static string? ReadTime(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var parsed))
        {
            value = parsed;
            return null;
        }

        return $"{field}: must be an ISO 8601 date-time string such as 2024-05-01T12:00:00.000Z";
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
