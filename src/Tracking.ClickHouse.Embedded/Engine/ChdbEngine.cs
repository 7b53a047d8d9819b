using System.Text;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Native;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>
/// The chDB connection on its own thread (<see cref="EngineThread"/>): every statement, together with the
/// session changes it needs, runs alone on the process's single connection.
/// </summary>
internal sealed partial class ChdbEngine : IAsyncDisposable
{
    private readonly EngineThread _thread;
    private readonly ChdbConnection _connection;
    private readonly SessionState _session;
    private readonly ILogger _logger;
    private bool _closed;
    private int _disposed;

    private ChdbEngine(EngineThread thread, ChdbConnection connection, ILogger logger)
    {
        _thread = thread;
        _connection = connection;
        _session = new SessionState(connection);
        _logger = logger;
    }

    /// <summary>The engine's time zone, reported in X-ClickHouse-Timezone.</summary>
    public string Timezone { get; private set; } = "UTC";

    public string Version { get; private set; } = "";

    /// <summary>
    /// Loads chDB and connects on a new engine thread with the given nice value (0 keeps normal priority),
    /// so the engine's own threads, started while connecting, inherit it.
    /// </summary>
    public static ChdbEngine Open(string libraryPath, string dataPath, int nice, ILogger logger)
    {
        var api = ChdbApi.Load(libraryPath);
        Directory.CreateDirectory(dataPath);
        var thread = new EngineThread(nice);
        ChdbEngine? engine = null;
        try
        {
            engine = thread.RunAsync(() => new ChdbEngine(thread, ChdbConnection.Open(api, dataPath), logger), CancellationToken.None)
                .GetAwaiter().GetResult();
            thread.RunAsync(engine.ReadServerFacts, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            if (engine is null)
            {
                thread.Dispose();
            }
            else
            {
                engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        LogOpened(logger, dataPath, engine.Version, engine.Timezone, thread.NiceApplied ? nice : 0);
        return engine;
    }

    /// <summary>Runs one statement in the request's session context; errors come back in the result.</summary>
    public Task<ChdbResult> ExecuteAsync(EngineQuery query, CancellationToken cancellationToken) =>
        Volatile.Read(ref _disposed) != 0 ? Task.FromResult(ShuttingDown()) : _thread.RunAsync(
            () =>
            {
                if (_closed)
                {
                    return ShuttingDown();
                }

                var failed = _session.Apply(query.Database, query.Settings);
                return failed ?? _connection.Execute(query.Text.Span, query.Format, query.Parameters);
            },
            cancellationToken);

    /// <summary>Waits for the statements queued so far, then closes the connection for good.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _thread.RunAsync(
            () =>
            {
                _closed = true;
                _connection.Dispose();
                return true;
            },
            CancellationToken.None);
        _thread.Dispose();
        LogClosed(_logger);
    }

    private static ChdbResult ShuttingDown() =>
        ChdbResult.Failure("Code: 1002. DB::Exception: The embedded ClickHouse is shutting down. (UNKNOWN_EXCEPTION)");

    private bool ReadServerFacts()
    {
        using var result = _connection.Execute("SELECT timezone(), version()"u8, "TabSeparated", []);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("chDB does not answer: " + result.Error);
        }

        var fields = Encoding.UTF8.GetString(result.Output.Span).TrimEnd('\n').Split('\t');
        Timezone = fields[0];
        Version = fields.Length > 1 ? fields[1] : "";
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "chDB {Version} opened at {DataPath}, time zone {Timezone}, engine threads at nice {Nice}")]
    private static partial void LogOpened(ILogger logger, string dataPath, string version, string timezone, int nice);

    [LoggerMessage(Level = LogLevel.Information, Message = "chDB connection closed")]
    private static partial void LogClosed(ILogger logger);
}
