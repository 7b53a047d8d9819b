using System.Text.Json;
using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>
/// The top level of a <c>/v1/batch</c> body: where each event object lies, plus the batch-wide
/// <c>sentAt</c> and <c>writeKey</c>. Events themselves are parsed one by one afterwards, so one bad
/// event never spoils its neighbours.
/// </summary>
internal sealed class BatchEnvelope
{
    public List<Range> Events { get; } = new(64);

    public DateTimeOffset? SentAt { get; private set; }

    public Utf8Slice WriteKey { get; private set; }

    public bool HasBatch { get; private set; }

    public void Reset()
    {
        Events.Clear();
        SentAt = null;
        WriteKey = default;
        HasBatch = false;
    }

    /// <summary>Reads the envelope; returns an error message for malformed JSON or a wrong shape.</summary>
    public string? Read(ReadOnlySpan<byte> body, PooledBufferWriter scratch)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "body: must be a JSON object like {\"batch\":[...]}";
            }

            // A field of the wrong shape is reported, but only after the rest was read: a writeKey after
            // it must still be found, so the key is checked before the body's errors are told (auth first).
            string? firstError = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var error = ReadField(ref reader, scratch);
                if (error is not null)
                {
                    firstError ??= error;
                    reader.Skip(); // the wrong value, if it is an object or array
                }
            }

            if (reader.Read())
            {
                return $"body: unexpected data after the JSON object at byte {reader.TokenStartIndex}";
            }

            if (firstError is not null)
            {
                return firstError;
            }
        }
        catch (JsonException e)
        {
            return $"body: malformed JSON at byte {e.BytePositionInLine ?? reader.BytesConsumed} (line {(e.LineNumber ?? 0) + 1}): {FirstSentence(e.Message)}";
        }

        return HasBatch ? null : "batch: required, an array of events";
    }

    private string? ReadField(ref Utf8JsonReader reader, PooledBufferWriter scratch)
    {
        if (JsonValues.NameIs(ref reader, "batch"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return "batch: must be an array of events";
            }

            HasBatch = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                Events.Add(new Range(start, (int)reader.BytesConsumed));
            }

            return null;
        }

        if (JsonValues.NameIs(ref reader, "sentAt"u8))
        {
            reader.Read();
            var error = JsonValues.ReadTime(ref reader, "sentAt", out var sentAt);
            SentAt = sentAt;
            return error;
        }

        if (JsonValues.NameIs(ref reader, "writeKey"u8))
        {
            reader.Read();
            var error = JsonValues.ReadText(ref reader, 0, scratch, "writeKey", out var key);
            WriteKey = key;
            return error;
        }

        reader.Read();
        reader.Skip();
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }
}
