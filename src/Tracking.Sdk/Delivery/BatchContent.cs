using System.IO.Compression;
using System.Net.Http.Headers;

namespace Tracking.Sdk.Delivery;

/// <summary>
/// The request body <c>{"batch":[...],"sentAt":"…"}</c>, built per attempt so <c>sentAt</c> is the
/// real send time (the collector corrects client clock skew with it), optionally gzipped.
/// </summary>
internal static class BatchContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>The body, written into <paramref name="output"/> (reset first; must outlive the request).</summary>
    public static HttpContent Create(MemoryStream output, IReadOnlyList<ReadOnlyMemory<byte>> events, int start, int count, bool gzip, DateTime sentAtUtc)
    {
        output.SetLength(0);
        using (var body = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : (Stream)output)
        {
            body.Write("{\"batch\":["u8);
            for (var i = start; i < start + count; i++)
            {
                if (i > start)
                {
                    body.WriteByte((byte)',');
                }

                body.Write(events[i].Span);
            }

            body.Write("],\"sentAt\":\""u8);
            Span<byte> stamp = stackalloc byte[32];
            sentAtUtc.TryFormat(stamp, out var written, Serialization.IsoTimestamp.Format, System.Globalization.CultureInfo.InvariantCulture);
            body.Write(stamp[..written]);
            body.Write("\"}"u8);
        }

        var content = new ByteArrayContent(output.GetBuffer(), 0, (int)output.Length);
        content.Headers.ContentType = Json;
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }
}
