using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Tracking.Events;

namespace Tracking.Collector;

/// <summary>Reads a request body (gzip or plain) into pooled memory, enforcing the size limit on the decompressed bytes.</summary>
internal static class RequestBody
{
    public enum Outcome
    {
        Ok,
        TooLarge,
        BadEncoding,
    }

    public static async Task<Outcome> ReadAsync(HttpRequest request, int maxBytes, PooledBufferWriter target, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.BadEncoding;
        }

        if (!gzip && request.ContentLength > maxBytes)
        {
            return Outcome.TooLarge;
        }

        var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(target.GetMemory(16 * 1024), cancellationToken);
                if (read == 0)
                {
                    return Outcome.Ok;
                }

                target.Advance(read);
                if (target.WrittenCount > maxBytes)
                {
                    return Outcome.TooLarge;
                }
            }
        }
        catch (InvalidDataException)
        {
            return Outcome.BadEncoding;
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync();
            }
        }
    }
}
