using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Native;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>
/// The chDB connection behind a lock: every statement, together with the session changes it needs,
/// runs alone on the process's single connection.
/// </summary>
internal sealed partial class ChdbEngine : IAsyncDisposable
{
    private static readonly Dictionary<string, string> NoSettings = [];

    private readonly ChdbConnection _connection;
    private readonly SessionState _session;
    private readonly PriorityGate _gate = new();
    private readonly ILogger _logger;
    private bool _closed;

    private ChdbEngine(ChdbConnection connection, ILogger logger)
    {
        _connection = connection;
        _session = new SessionState(connection);
        _logger = logger;
    }

    /// <summary>The engine's time zone, reported in X-ClickHouse-Timezone.</summary>
    public string Timezone { get; private set; } = "UTC";

    public string Version { get; private set; } = "";

    /// <summary>The table functions this chDB build has (system.table_functions), which are compiled in and never change.</summary>
    public IReadOnlySet<string> TableFunctions { get; private set; } = new HashSet<string>();

    public static ChdbEngine Open(string libraryPath, string dataPath, ILogger logger)
    {
        var api = ChdbApi.Load(libraryPath);
        Directory.CreateDirectory(dataPath);
        var engine = new ChdbEngine(ChdbConnection.Open(api, dataPath), logger);
        try
        {
            engine.ReadServerFacts();
        }
        catch
        {
            engine._connection.Dispose();
            throw;
        }

        LogOpened(logger, dataPath, engine.Version, engine.Timezone);
        return engine;
    }

    /// <summary>
    /// Runs one statement in the request's session context, internal statements before waiting analyst
    /// queries; errors come back in the result.
    /// </summary>
    public async Task<ChdbResult> ExecuteAsync(EngineQuery query, CancellationToken cancellationToken)
    {
        var waitStarted = Stopwatch.GetTimestamp();
        await _gate.WaitAsync(query.Priority, cancellationToken);
        EmbeddedClickHouseMetrics.QueueWait.Record(
            Stopwatch.GetElapsedTime(waitStarted).TotalSeconds, new KeyValuePair<string, object?>("priority", query.Priority == QueryPriority.Internal ? "internal" : "analyst"));
        try
        {
            if (_closed)
            {
                return ChdbResult.Failure("Code: 1002. DB::Exception: The embedded ClickHouse is shutting down. (UNKNOWN_EXCEPTION)");
            }

            var text = query.Text;
            if (query.TextForCatalog is { } compose)
            {
                if (ReadCatalog(query.Database, out var tables) is { } unread)
                {
                    return unread;
                }

                text = compose(tables);
            }

            var failed = _session.Apply(query.Database, query.Settings);
            return failed ?? _connection.Execute(text.Span, query.Format, query.Parameters);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The catalog as it is now, read with every setting at its default: the shared session may still hold a
    /// previous request's, and a list cut short (max_result_rows with result_overflow_mode = 'break', limit)
    /// would leave tables out. A failure is returned, not thrown.
    /// </summary>
    private ChdbResult? ReadCatalog(string database, out IReadOnlyList<CatalogTable> tables)
    {
        tables = [];
        if (_session.Apply(database, NoSettings) is { } failed)
        {
            return failed;
        }

        var catalog = _connection.Execute(TableCatalog.Query, "TabSeparated", []);
        if (!catalog.Succeeded)
        {
            return catalog;
        }

        using (catalog)
        {
            tables = TableCatalog.Parse(catalog.Output.Span);
            return null;
        }
    }

    /// <summary>Waits for a running statement, then closes the connection for good.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(QueryPriority.Internal, CancellationToken.None);
        try
        {
            if (!_closed)
            {
                _closed = true;
                _connection.Dispose();
                LogClosed(_logger);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ReadServerFacts()
    {
        using var result = _connection.Execute("SELECT timezone(), version()"u8, "TabSeparated", []);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("chDB does not answer: " + result.Error);
        }

        var fields = Encoding.UTF8.GetString(result.Output.Span).TrimEnd('\n').Split('\t');
        Timezone = fields[0];
        Version = fields.Length > 1 ? fields[1] : "";

        using var functions = _connection.Execute("SELECT name FROM system.table_functions"u8, "TabSeparated", []);
        if (!functions.Succeeded)
        {
            throw new InvalidOperationException("chDB does not list its table functions: " + functions.Error);
        }

        TableFunctions = Encoding.UTF8.GetString(functions.Output.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "chDB {Version} opened at {DataPath}, time zone {Timezone}")]
    private static partial void LogOpened(ILogger logger, string dataPath, string version, string timezone);

    [LoggerMessage(Level = LogLevel.Information, Message = "chDB connection closed")]
    private static partial void LogClosed(ILogger logger);
}
