using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Http;
using Tracking.ClickHouse.Embedded.Http.Access;

namespace Tracking.ClickHouse.Embedded;

/// <summary>
/// The embedded ClickHouse engine (chDB) hosted in this process and served on its own port as the
/// subset of ClickHouse's HTTP interface that ClickHouse.Driver and curl use, with two password users:
/// <see cref="InternalUser"/> for the owner and <see cref="AnalystUser"/>, read-only; and, with
/// <see cref="EmbeddedClickHouseOptions.ProjectUsers"/>, read-only project users that see their project's rows only. One per process.
/// </summary>
public sealed partial class EmbeddedClickHouse : IAsyncDisposable
{
    /// <summary>The owner's own user: every statement except those no user may run (see the README).</summary>
    public const string InternalUser = "tracking";

    /// <summary>The read-only user: reading statements only, bounded by <see cref="AnalystLimits"/>.</summary>
    public const string AnalystUser = "analyst";

    private readonly WebApplication _app;
    private readonly InsertSpool _spool;
    private readonly ChdbEngine _engine;
    private readonly ILogger _logger;
    private int _disposed;

    private EmbeddedClickHouse(
        WebApplication app, ChdbEngine engine, InsertSpool spool, Uri endpoint, (string Internal, string Analyst) passwords, ILogger logger)
    {
        _app = app;
        _engine = engine;
        _spool = spool;
        _logger = logger;
        Endpoint = endpoint;
        AnalystPassword = passwords.Analyst;
        ConnectionString = DriverConnectionString(endpoint, InternalUser, passwords.Internal);
        AnalystConnectionString = DriverConnectionString(endpoint, AnalystUser, passwords.Analyst);

        // A host that exits without disposing would otherwise trip libc++'s assertion at exit.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Where the HTTP interface listens, e.g. <c>http://127.0.0.1:8123/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>A ClickHouse.Driver connection string for <see cref="Endpoint"/> as <see cref="InternalUser"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>A ClickHouse.Driver connection string for <see cref="Endpoint"/> as <see cref="AnalystUser"/>.</summary>
    public string AnalystConnectionString { get; }

    /// <summary>The analyst's password: the configured one, or the one generated for this process.</summary>
    public string AnalystPassword { get; }

    public static async Task<EmbeddedClickHouse> StartAsync(
        EmbeddedClickHouseOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var listen = new IPEndPoint(ParseAddress(options.ListenAddress), options.Port);
        var logger = loggerFactory.CreateLogger<EmbeddedClickHouse>();
        var dataPath = Path.GetFullPath(options.DataPath);

        var passwords = (Internal: PasswordOrRandom(options.InternalPassword), Analyst: PasswordOrRandom(options.AnalystPassword));
        var users = new UserDirectory(passwords.Internal, passwords.Analyst, options.AnalystLimits, options.ProjectUsers);
        var engine = ChdbEngine.Open(options.LibraryPath, dataPath, loggerFactory.CreateLogger<ChdbEngine>());
        WebApplication? app = null;
        try
        {
            var spool = new InsertSpool(dataPath);
            app = ClickHouseHttpServer.Build(listen, engine, spool, users, loggerFactory);
            await app.StartAsync(ct);
            var endpoint = new UriBuilder("http", ClientHost(listen.Address), ClickHouseHttpServer.BoundPort(app)).Uri;
            LogListening(logger, endpoint);
            return new EmbeddedClickHouse(app, engine, spool, endpoint, passwords, logger);
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

    private static string PasswordOrRandom(string? password) =>
        string.IsNullOrEmpty(password) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : password;

    /// <summary>Compression=false: gzip on a loopback link only costs CPU. The builder quotes a password holding ';' or '='.</summary>
    private static string DriverConnectionString(Uri endpoint, string user, string password) => new DbConnectionStringBuilder
    {
        ["Host"] = endpoint.Host,
        ["Port"] = endpoint.Port.ToString(CultureInfo.InvariantCulture),
        ["Protocol"] = "http",
        ["Database"] = "default",
        ["Username"] = user,
        ["Password"] = password,
        ["Compression"] = "false",
    }.ConnectionString;

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
