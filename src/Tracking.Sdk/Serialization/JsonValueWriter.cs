using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tracking.Sdk.Serialization;

/// <summary>
/// Writes property and trait values without reflection (trimming and AOT safe): JSON primitives,
/// dates, GUIDs, enums, JSON DOM values, dictionaries and sequences; anything else as its invariant string.
/// </summary>
internal static class JsonValueWriter
{
    internal const int MaxDepth = 32;

    public static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, int depth = 0)
    {
        writer.WriteStartObject();
        WriteMembers(writer, values, depth);
        writer.WriteEndObject();
    }

    /// <summary>The members of <paramref name="values"/> inside an object the caller opened.</summary>
    public static void WriteMembers(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, int depth = 0, Func<string, bool>? skip = null)
    {
        if (values is Dictionary<string, object?> dictionary)
        {
            // The struct enumerator: no allocation for the common case.
            foreach (var (key, value) in dictionary)
            {
                if (skip is null || !skip(key))
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, value, depth + 1);
                }
            }

            return;
        }

        foreach (var (key, value) in values)
        {
            if (skip is null || !skip(key))
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value, depth + 1);
            }
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            writer.WriteNullValue();
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case uint u:
                writer.WriteNumberValue(u);
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case char c:
                writer.WriteStringValue(c.ToString());
                break;
            case DateTime dt:
                IsoTimestamp.WriteValue(writer, dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt);
                break;
            case DateTimeOffset dto:
                IsoTimestamp.WriteValue(writer, dto.UtcDateTime);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g);
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            case Uri uri:
                writer.WriteStringValue(uri.OriginalString);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IReadOnlyDictionary<string, object?> nested:
                WriteObject(writer, nested, depth);
                break;
            case IDictionary map:
                WriteDictionary(writer, map, depth);
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary map, int depth)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in map)
        {
            writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
            WriteValue(writer, entry.Value, depth + 1);
        }

        writer.WriteEndObject();
    }
}
