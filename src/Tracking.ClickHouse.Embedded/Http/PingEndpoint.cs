using Microsoft.AspNetCore.Http;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary><c>/ping</c>: ClickHouse's liveness answer, byte for byte.</summary>
internal static class PingEndpoint
{
    private static readonly byte[] Ok = "Ok.\n"u8.ToArray();

    public static async Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=UTF-8";
        context.Response.ContentLength = Ok.Length;
        await context.Response.Body.WriteAsync(Ok, context.RequestAborted);
    }
}
