using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>The request body with its Content-Encoding removed, as ClickHouse accepts it.</summary>
internal static class RequestBody
{
    public static Stream Open(HttpRequest request, out ClickHouseError? error)
    {
        error = null;
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToUpperInvariant();
        switch (encoding)
        {
            case "" or "IDENTITY":
                return request.Body;
            case "GZIP" or "X-GZIP":
                return new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            case "DEFLATE":
                return new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            case "BR":
                return new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            case "ZSTD":
                try
                {
                    return new ZstdDecompressionStream(request.Body);
                }
                catch (DllNotFoundException)
                {
                    error = ClickHouseError.Create(48, "NOT_IMPLEMENTED", "Content-Encoding 'zstd' needs libzstd.so.1 (Debian package libzstd1)");
                    return Stream.Null;
                }

            default:
                error = ClickHouseError.Create(
                    48, "NOT_IMPLEMENTED", $"Content-Encoding '{encoding.ToLowerInvariant()}' is not supported by the embedded server (gzip, deflate, br, zstd are)");
                return Stream.Null;
        }
    }
}
