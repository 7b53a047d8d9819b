using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Native;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>Writes results and errors with the headers ClickHouse clients read.</summary>
internal static class ResponseWriter
{
    public const string DisplayName = "chdb-embedded";

    private static readonly string[] ResponseEncodings = ["gzip", "deflate", "br"];

    public static async Task WriteResultAsync(
        HttpContext context, ChdbResult result, string format, string timezone, string queryId, bool allowCompression)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = OutputFormats.ContentType(format);
        var headers = response.Headers;
        headers["X-ClickHouse-Query-Id"] = queryId;
        headers["X-ClickHouse-Format"] = format;
        headers["X-ClickHouse-Timezone"] = timezone;
        headers["X-ClickHouse-Server-Display-Name"] = DisplayName;
        headers["X-ClickHouse-Summary"] = Summary(result.Statistics);

        var encoding = allowCompression ? ChooseEncoding(context.Request) : null;
        if (encoding is null)
        {
            response.ContentLength = result.Length;
            await response.Body.WriteAsync(result.Output, context.RequestAborted);
            return;
        }

        headers.ContentEncoding = encoding;
        await using var compressed = Compress(response.Body, encoding);
        await compressed.WriteAsync(result.Output, context.RequestAborted);
    }

    public static async Task WriteErrorAsync(HttpContext context, ClickHouseError error, string queryId)
    {
        var response = context.Response;
        response.StatusCode = (int)error.HttpStatus;
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers["X-ClickHouse-Exception-Code"] = error.Code.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-ClickHouse-Query-Id"] = queryId;
        response.Headers["X-ClickHouse-Server-Display-Name"] = DisplayName;
        var body = Encoding.UTF8.GetBytes(error.Message + "\n");
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The same fields and string-quoted numbers as ClickHouse's X-ClickHouse-Summary.</summary>
    private static string Summary(QueryStatistics s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"read_rows\":\"{s.ReadRows}\",\"read_bytes\":\"{s.ReadBytes}\",\"written_rows\":\"{s.WrittenRows}\"," +
        $"\"written_bytes\":\"{s.WrittenBytes}\",\"total_rows_to_read\":\"{s.ReadRows}\",\"result_rows\":\"{s.ResultRows}\"," +
        $"\"result_bytes\":\"{s.ResultBytes}\",\"elapsed_ns\":\"{(ulong)(s.ElapsedSeconds * 1e9)}\"}}");

    private static string? ChooseEncoding(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        return ResponseEncodings.FirstOrDefault(e => accepted.Contains(e, StringComparison.OrdinalIgnoreCase));
    }

    private static Stream Compress(Stream body, string encoding) => encoding switch
    {
        "gzip" => new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionLevel.Fastest, leaveOpen: true),
        _ => new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true),
    };
}
