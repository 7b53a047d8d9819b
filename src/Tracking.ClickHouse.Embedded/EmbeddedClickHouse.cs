using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Http;

namespace Tracking.ClickHouse.Embedded;

/// <summary>
/// The embedded ClickHouse engine (chDB) hosted in this process and served on its own port as the
/// subset of ClickHouse's HTTP interface that ClickHouse.Driver and curl use. One per process.
/// </summary>
public sealed partial class EmbeddedClickHouse : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly InsertSpool _spool;
    private readonly ChdbEngine _engine;
    private readonly ILogger _logger;
    private int _disposed;

    private EmbeddedClickHouse(WebApplication app, ChdbEngine engine, InsertSpool spool, Uri endpoint, ILogger logger)
    {
        _app = app;
        _engine = engine;
        _spool = spool;
        _logger = logger;
        Endpoint = endpoint;

        // Compression=false: gzip on a loopback link only costs CPU.
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"Host={endpoint.Host};Port={endpoint.Port};Protocol=http;Database=default;Username=default;Compression=false");

        // A host that exits without disposing would otherwise trip libc++'s assertion at exit.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Where the HTTP interface listens, e.g. <c>http://127.0.0.1:8123/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>A ClickHouse.Driver connection string for <see cref="Endpoint"/>.</summary>
    public string ConnectionString { get; }

    public static async Task<EmbeddedClickHouse> StartAsync(
        EmbeddedClickHouseOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var listen = new IPEndPoint(ParseAddress(options.ListenAddress), options.Port);
        var logger = loggerFactory.CreateLogger<EmbeddedClickHouse>();
        var dataPath = Path.GetFullPath(options.DataPath);

        var engine = ChdbEngine.Open(options.LibraryPath, dataPath, loggerFactory.CreateLogger<ChdbEngine>());
        WebApplication? app = null;
        try
        {
            var spool = new InsertSpool(dataPath);
            app = ClickHouseHttpServer.Build(listen, engine, spool, loggerFactory);
            await app.StartAsync(ct);
            var endpoint = new UriBuilder("http", ClientHost(listen.Address), ClickHouseHttpServer.BoundPort(app)).Uri;
            LogListening(logger, endpoint);
            return new EmbeddedClickHouse(app, engine, spool, endpoint, logger);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the HTTP interface (letting running requests finish), then closes chDB.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            await _app.StopAsync();
            _spool.DeleteIdle();
        }
        finally
        {
            await _app.DisposeAsync();
            await _engine.DisposeAsync();
            LogStopped(_logger, Endpoint);
        }
    }

    private static IPAddress ParseAddress(string address) =>
        string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(address);

    /// <summary>Clients cannot connect to a wildcard address; they reach it through loopback.</summary>
    private static string ClientHost(IPAddress address) => address switch
    {
        _ when address.Equals(IPAddress.Any) => IPAddress.Loopback.ToString(),
        _ when address.Equals(IPAddress.IPv6Any) => "[" + IPAddress.IPv6Loopback + "]",
        { AddressFamily: AddressFamily.InterNetworkV6 } => "[" + address + "]",
        _ => address.ToString(),
    };

    private void OnProcessExit(object? sender, EventArgs e) =>
        _engine.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded ClickHouse HTTP interface listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded ClickHouse on {Endpoint} stopped")]
    private static partial void LogStopped(ILogger logger, Uri endpoint);
}
