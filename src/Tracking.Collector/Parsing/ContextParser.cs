using System.Text.Json;
using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>
/// Reads the parts of a Segment <c>context</c> object that enrichment and reports use, and keeps the whole
/// object as sent (a slice of the body) so no context field a user may query is lost.
/// </summary>
internal static class ContextParser
{
    public static string? Read(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "context: must be an object";
        }

        var start = (int)reader.TokenStartIndex;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan;
            reader.Read();
            var error = field switch
            {
                _ when field.SequenceEqual("traits"u8) => JsonValues.ReadObject(ref reader, baseOffset, "context.traits", out parsed.ContextTraits),
                _ when field.SequenceEqual("library"u8) => ReadLibrary(ref reader, baseOffset, scratch, ref parsed),
                _ when field.SequenceEqual("page"u8) => ReadPage(ref reader, baseOffset, scratch, ref parsed),
                _ when field.SequenceEqual("campaign"u8) => ReadCampaign(ref reader, baseOffset, scratch, ref parsed),
                _ when field.SequenceEqual("screen"u8) => ReadScreen(ref reader, ref parsed),
                _ when field.SequenceEqual("sessionId"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.sessionId", out parsed.SessionId, allowNumber: true, JsonValues.MaxIdentifierBytes),
                _ when field.SequenceEqual("userAgent"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.userAgent", out parsed.UserAgent, maxBytes: 2048),
                _ when field.SequenceEqual("locale"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.locale", out parsed.Locale, maxBytes: 64),
                _ when field.SequenceEqual("ip"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.ip", out parsed.Ip, maxBytes: 64),
                _ => SkipValue(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        parsed.Context = new Utf8Slice(baseOffset + start, (int)reader.BytesConsumed - start, InScratch: false);
        return null;
    }

    private static string? ReadLibrary(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "context.library: must be an object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan;
            reader.Read();
            var error = field switch
            {
                _ when field.SequenceEqual("name"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.library.name", out parsed.LibraryName, maxBytes: 128),
                _ when field.SequenceEqual("version"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.library.version", out parsed.LibraryVersion, allowNumber: true, maxBytes: 64),
                _ => SkipValue(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadPage(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "context.page: must be an object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan;
            reader.Read();
            var error = field switch
            {
                _ when field.SequenceEqual("url"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.page.url", out parsed.PageUrl),
                _ when field.SequenceEqual("path"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.page.path", out parsed.PagePath),
                _ when field.SequenceEqual("title"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.page.title", out parsed.PageTitle),
                _ when field.SequenceEqual("referrer"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.page.referrer", out parsed.PageReferrer),
                _ when field.SequenceEqual("search"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.page.search", out parsed.PageSearch),
                _ => SkipValue(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadCampaign(ref Utf8JsonReader reader, int baseOffset, PooledBufferWriter scratch, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "context.campaign: must be an object";
        }

        parsed.HasCampaign = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan;
            reader.Read();
            var error = field switch
            {
                _ when field.SequenceEqual("source"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.campaign.source", out parsed.UtmSource, allowNumber: true),
                _ when field.SequenceEqual("medium"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.campaign.medium", out parsed.UtmMedium, allowNumber: true),
                _ when field.SequenceEqual("name"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.campaign.name", out parsed.UtmCampaign, allowNumber: true),
                _ when field.SequenceEqual("term"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.campaign.term", out parsed.UtmTerm, allowNumber: true),
                _ when field.SequenceEqual("content"u8) => JsonValues.ReadText(ref reader, baseOffset, scratch, "context.campaign.content", out parsed.UtmContent, allowNumber: true),
                _ => SkipValue(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ReadScreen(ref Utf8JsonReader reader, ref ParsedEvent parsed)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "context.screen: must be an object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan;
            reader.Read();
            var error = field switch
            {
                _ when field.SequenceEqual("width"u8) => JsonValues.ReadDimension(ref reader, "context.screen.width", out parsed.ScreenWidth),
                _ when field.SequenceEqual("height"u8) => JsonValues.ReadDimension(ref reader, "context.screen.height", out parsed.ScreenHeight),
                _ => SkipValue(ref reader),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
