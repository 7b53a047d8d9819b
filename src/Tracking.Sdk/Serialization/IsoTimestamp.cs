using System.Globalization;
using System.Text.Json;

namespace Tracking.Sdk.Serialization;

/// <summary>ISO 8601 UTC with milliseconds (<c>2025-01-31T12:00:00.123Z</c>), written without allocating.</summary>
internal static class IsoTimestamp
{
    internal const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[32];
        utc.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..written]);
    }

    public static void WriteValue(Utf8JsonWriter writer, DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[32];
        utc.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    public static string Now() => DateTime.UtcNow.ToString(Format, CultureInfo.InvariantCulture);
}
