using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Http.Access;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// A bare Kestrel application (no configuration sources, so the owning host's ASPNETCORE_URLS and
/// appsettings never reach it) that serves the ClickHouse HTTP routes on its own port.
/// </summary>
internal static class ClickHouseHttpServer
{
    private const int MaxUriBytes = 512 << 10;

    public static WebApplication Build(IPEndPoint listen, ChdbEngine engine, InsertSpool spool, UserDirectory users, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ClickHouseHttpServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // loader batches are tens of MB

            // Query parameters (param_x) travel in the URL: Kestrel's 8 KiB refuses an array of ~180 ids (measured:
            // 414 at 8.6 KB). Half of ClickHouse's http_max_uri_size (1 MiB), so that the headers stay within Kestrel's
            // 1 MiB request buffer, which is left as it is for the inserts' sake.
            kestrel.Limits.MaxRequestLineSize = MaxUriBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxUriBytes + (64 << 10);
            kestrel.Listen(listen);
        });
        // Few connections carrying insert bodies of tens of MB: skip the zero-byte read Kestrel makes before
        // each receive to save idle connections' buffers (half of the server's recv calls under load).
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var app = builder.Build();
        var query = new QueryEndpoint(engine, spool, users, loggerFactory.CreateLogger<QueryEndpoint>());
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], query.HandleAsync);
        app.MapGet("/ping", PingEndpoint.HandleAsync);
        app.MapFallback(NoHandlerAsync);
        return app;
    }

    /// <summary>The port Kestrel actually bound, which differs from the requested one when that was 0.</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }

    private static async Task NoHandlerAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync($"There is no handle {context.Request.Path}\n", context.RequestAborted);
    }
}
