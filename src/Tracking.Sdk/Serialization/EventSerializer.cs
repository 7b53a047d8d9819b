using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Serialization;

/// <summary>
/// Writes one event as a Segment-spec JSON object with a reused <see cref="Utf8JsonWriter"/>.
/// Not thread-safe: the background batcher owns one.
/// </summary>
internal sealed class EventSerializer
{
    private static readonly JsonEncodedText TypeTrack = JsonEncodedText.Encode("track");
    private static readonly JsonEncodedText TypePage = JsonEncodedText.Encode("page");
    private static readonly JsonEncodedText TypeIdentify = JsonEncodedText.Encode("identify");
    private static readonly JsonEncodedText TypeGroup = JsonEncodedText.Encode("group");
    private static readonly JsonEncodedText LibraryName = JsonEncodedText.Encode(LibraryInfo.Name);
    private static readonly JsonEncodedText LibraryVersion = JsonEncodedText.Encode(LibraryInfo.Version);
    private static readonly Func<string, bool> IsStepProperty = key => key is StepProperties.KeyPath or StepProperties.Step or StepProperties.StepIndex;

    private readonly Utf8JsonWriter _writer = new(
        Stream.Null,
        new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    /// <summary>Appends the event's JSON (no trailing newline; the relaxed encoder still escapes control characters).</summary>
    public void Write(TrackingEvent e, IBufferWriter<byte> output)
    {
        var w = _writer;
        w.Reset(output);
        w.WriteStartObject();
        w.WriteString("type"u8, e.Type switch
        {
            EventType.Page => TypePage,
            EventType.Identify => TypeIdentify,
            EventType.Group => TypeGroup,
            _ => TypeTrack,
        });
        w.WriteString("messageId"u8, e.MessageId);
        IsoTimestamp.Write(w, "timestamp"u8, e.TimestampUtc);
        var visitor = e.Visitor;
        WriteIfPresent(w, "anonymousId"u8, visitor.AnonymousId);
        WriteIfPresent(w, "userId"u8, visitor.UserId);
        WriteIfPresent(w, "groupId"u8, e.GroupId ?? visitor.GroupId);
        WriteIfPresent(w, "event"u8, e.Name);
        WriteProperties(w, e);
        if (e.Traits is { } traits)
        {
            w.WritePropertyName("traits"u8);
            JsonValueWriter.WriteObject(w, traits);
        }

        WriteContext(w, e);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteProperties(Utf8JsonWriter w, TrackingEvent e)
    {
        if (e.KeyPath is { } keyPath)
        {
            w.WriteStartObject("properties"u8);
            if (e.Properties is { } stepProperties)
            {
                JsonValueWriter.WriteMembers(w, stepProperties, skip: IsStepProperty);
            }

            w.WriteString("key_path"u8, keyPath);
            w.WriteString("step"u8, e.Name);
            w.WriteNumber("step_index"u8, e.StepIndex);
            w.WriteEndObject();
        }
        else if (e.Properties is { } properties)
        {
            w.WritePropertyName("properties"u8);
            JsonValueWriter.WriteObject(w, properties);
        }
    }

    private static void WriteContext(Utf8JsonWriter w, TrackingEvent e)
    {
        var visitor = e.Visitor;
        w.WriteStartObject("context"u8);
        WriteIfPresent(w, "sessionId"u8, visitor.SessionId);
        if (e.Page is { } page)
        {
            WritePage(w, page);
        }

        WriteIfPresent(w, "userAgent"u8, visitor.UserAgent);
        WriteIfPresent(w, "ip"u8, visitor.Ip);
        w.WriteStartObject("library"u8);
        w.WriteString("name"u8, LibraryName);
        w.WriteString("version"u8, LibraryVersion);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePage(Utf8JsonWriter w, PageInfo page)
    {
        var path = page.Path;
        var search = page.Search;
        if ((path is null || search is null) && Uri.TryCreate(page.Url, UriKind.Absolute, out var uri))
        {
            path ??= uri.AbsolutePath;
            search ??= uri.Query;
        }

        w.WriteStartObject("page"u8);
        WriteIfPresent(w, "url"u8, page.Url);
        WriteIfPresent(w, "path"u8, path);
        WriteIfPresent(w, "referrer"u8, page.Referrer);
        WriteIfPresent(w, "title"u8, page.Title);
        WriteIfPresent(w, "search"u8, search);
        w.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
