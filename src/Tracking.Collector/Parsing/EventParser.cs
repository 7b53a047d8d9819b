using System.Text.Json;
using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>
/// Parses and validates one Segment-spec event object. Unknown fields are ignored, as Segment does;
/// the first problem found is returned as a message naming the field.
/// </summary>
internal static class EventParser
{
    private static readonly string KnownTypes = string.Join(", ", EventTypes.All);

    /// <param name="json">The event object's bytes.</param>
    /// <param name="baseOffset">Where <paramref name="json"/> starts in the request body.</param>
    /// <param name="scratch">Receives unescaped strings.</param>
    /// <param name="impliedType">The type implied by a single-event endpoint such as /v1/track, or null.</param>
    public static string? Parse(ReadOnlySpan<byte> json, int baseOffset, PooledBufferWriter scratch, string? impliedType, out ParsedEvent parsed)
    {
        parsed = default;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "event: must be a JSON object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var error = ReadTopLevel(ref reader, baseOffset, scratch, ref parsed);
            if (error is not null)
            {
                return error;
            }
        }

        parsed.Properties = JsonValues.ValidUtf8(json, baseOffset, parsed.Properties, scratch);
        parsed.Traits = JsonValues.ValidUtf8(json, baseOffset, parsed.Traits, scratch);
        parsed.ContextTraits = JsonValues.ValidUtf8(json, baseOffset, parsed.ContextTraits, scratch);
        parsed.Context = JsonValues.ValidUtf8(json, baseOffset, parsed.Context, scratch);
        return Validate(ref parsed, impliedType);
    }

    private static string? ReadTopLevel(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (JsonValues.NameIs(ref reader, "type"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                return $"type: must be one of {KnownTypes}";
            }

            parsed.Type = reader.ValueIsEscaped ? MatchEscapedType(reader.ValueSpan) : EventTypes.Match(reader.ValueSpan);
            return parsed.Type is null ? $"type: must be one of {KnownTypes}" : null;
        }

        var field = reader.ValueSpan;
        reader.Read();
        return field switch
        {
            _ when field.SequenceEqual("messageId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "messageId", out parsed.MessageId, allowNumber: false, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("anonymousId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "anonymousId", out parsed.AnonymousId, allowNumber: true, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("userId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "userId", out parsed.UserId, allowNumber: true, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("groupId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "groupId", out parsed.GroupId, allowNumber: true, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("event"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "event", out parsed.Event, allowNumber: false, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("previousId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "previousId", out parsed.PreviousId, allowNumber: true, JsonValues.MaxIdentifierBytes),
            _ when field.SequenceEqual("name"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "name", out parsed.Name),
            _ when field.SequenceEqual("category"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "category", out parsed.Category, maxBytes: 256),
            _ when field.SequenceEqual("timestamp"u8) => JsonValues.ReadTime(ref reader, "timestamp", out parsed.Timestamp),
            _ when field.SequenceEqual("sentAt"u8) => JsonValues.ReadTime(ref reader, "sentAt", out parsed.SentAt),
            _ when field.SequenceEqual("traits"u8) => JsonValues.ReadObject(ref reader, baseOffset, "traits", out parsed.Traits),
            _ when field.SequenceEqual("properties"u8) => ReadProperties(ref reader, baseOffset, scratch, ref parsed),
            _ when field.SequenceEqual("context"u8) => ContextParser.Read(ref reader, baseOffset, scratch, ref parsed),
            _ => Skip(ref reader),
        };
    }

    /// <summary>Keeps the raw object and picks out the page fields analytics.js puts there.</summary>
    private static string? ReadProperties(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "properties: must be an object";
        }

        var start = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var target = ref PageField(ref reader, ref parsed);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && !System.Runtime.CompilerServices.Unsafe.IsNullRef(ref target))
            {
                JsonValues.ReadText(ref reader, baseOffset, scratch, "properties", out target);
            }
            else
            {
                reader.Skip();
            }
        }

        parsed.Properties = new Utf8Slice(baseOffset + start, (int)reader.BytesConsumed - start, InScratch: false);
        return null;
    }

    private static ref Utf8Slice PageField(ref Utf8JsonReader reader, ref ParsedEvent parsed)
    {
        if (JsonValues.NameIs(ref reader, "url"u8))
        {
            return ref parsed.PropertiesUrl;
        }

        if (JsonValues.NameIs(ref reader, "path"u8))
        {
            return ref parsed.PropertiesPath;
        }

        if (JsonValues.NameIs(ref reader, "title"u8))
        {
            return ref parsed.PropertiesTitle;
        }

        if (JsonValues.NameIs(ref reader, "referrer"u8))
        {
            return ref parsed.PropertiesReferrer;
        }

        if (JsonValues.NameIs(ref reader, "search"u8))
        {
            return ref parsed.PropertiesSearch;
        }

        return ref System.Runtime.CompilerServices.Unsafe.NullRef<Utf8Slice>();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string? MatchEscapedType(ReadOnlySpan<byte> raw)
    {
        Span<byte> buffer = stackalloc byte[JsonValues.ShortTextBytes];
        return EventTypes.Match(JsonValues.Unescaped(raw, buffer));
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string? Validate(ref ParsedEvent parsed, string? impliedType)
    {
        if (parsed.Type is null)
        {
            if (impliedType is null)
            {
                return $"type: required, one of {KnownTypes}";
            }

            parsed.Type = impliedType;
        }
        else if (impliedType is not null && !ReferenceEquals(parsed.Type, impliedType))
        {
            return $"type: this endpoint takes {impliedType} events, not {parsed.Type}";
        }

        if (parsed.AnonymousId.IsEmpty && parsed.UserId.IsEmpty)
        {
            return "anonymousId: required when userId is absent (send at least one of them)";
        }

        if (ReferenceEquals(parsed.Type, EventTypes.Track) && parsed.Event.IsEmpty)
        {
            return "event: required for track events";
        }

        if (ReferenceEquals(parsed.Type, EventTypes.Group) && parsed.GroupId.IsEmpty)
        {
            return "groupId: required for group events";
        }

        return null;
    }
}
