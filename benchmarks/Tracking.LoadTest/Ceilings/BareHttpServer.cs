using System.Buffers;
using System.Net;

namespace Tracking.LoadTest.Ceilings;

/// <summary>
/// Ceiling (a): Kestrel with the same minimal-API routing as the host, reading each request body in full
/// and answering 200 without doing anything with it. Runs as its own process, like the host.
/// </summary>
internal static class BareHttpServer
{
    private static readonly byte[] Answer = "{\"accepted\":0,\"rejected\":[]}"u8.ToArray();

    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapPost("/v1/batch", async (HttpContext context) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Answer.Length;
            await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
        });
        await app.RunAsync(cancellationToken);
    }
}
