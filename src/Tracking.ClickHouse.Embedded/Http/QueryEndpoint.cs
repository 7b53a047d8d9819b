using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Native;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary><c>GET|POST /</c>: one statement per request, as ClickHouse's HTTP interface runs it.</summary>
internal sealed partial class QueryEndpoint
{
    private static readonly int CannotDecompress = 271;

    private readonly ChdbEngine _engine;
    private readonly InsertSpool _spool;
    private readonly ILogger _logger;

    public QueryEndpoint(ChdbEngine engine, InsertSpool spool, ILogger logger)
    {
        _engine = engine;
        _spool = spool;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = HttpQueryParameters.Parse(context.Request);
        if (request.Error is { } invalid)
        {
            await ResponseWriter.WriteErrorAsync(context, invalid, request.QueryId);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && request.Query is null)
        {
            await PingEndpoint.HandleAsync(context); // ClickHouse answers a bare GET / like /ping
            return;
        }

        if (request.Ignored.Count > 0)
        {
            LogIgnoredParameters(_logger, string.Join(", ", request.Ignored));
        }

        try
        {
            await RunAsync(context, request);
        }
        catch (InvalidDataException e)
        {
            await ResponseWriter.WriteErrorAsync(
                context, ClickHouseError.Create(CannotDecompress, "CANNOT_DECOMPRESS", "Cannot decompress the request body: " + e.Message), request.QueryId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
    }

    private async Task RunAsync(HttpContext context, HttpQueryParameters request)
    {
        await using var body = RequestBody.Open(context.Request, out var encodingError);
        if (encodingError is not null)
        {
            await ResponseWriter.WriteErrorAsync(context, encodingError, request.QueryId);
            return;
        }

        using var statement = await StatementReader.ReadAsync(request.Query, body, _spool, context.RequestAborted);
        var rejection = statement.Shape switch
        {
            { Kind: StatementKind.Empty } => "Empty query",
            { IsMultiStatement: true } => "Multi-statements are not allowed",
            _ => null,
        };
        if (rejection is not null)
        {
            await ResponseWriter.WriteErrorAsync(context, ClickHouseError.Create(ClickHouseError.SyntaxError, "SYNTAX_ERROR", rejection), request.QueryId);
            return;
        }

        var format = statement.Shape.OutputFormat ?? request.DefaultFormat;
        var timezone = request.Settings.TryGetValue("session_timezone", out var zone) && zone.Length > 0 ? zone : _engine.Timezone;
        if (statement.Shape.Kind == StatementKind.SessionControl)
        {
            // Without a session, SET and USE over HTTP last for their own request only, i.e. do nothing.
            LogIgnoredStatement(_logger, request.QueryId);
            using var nothing = ChdbResult.Success([], default);
            await ResponseWriter.WriteResultAsync(context, nothing, format, timezone, request.QueryId, allowCompression: false);
            return;
        }

        var query = new EngineQuery(statement.Text.Memory, request.DefaultFormat, request.Database, request.Parameters, request.Settings);
        using var result = await _engine.ExecuteAsync(query, context.RequestAborted);
        if (result.Error is { } failure)
        {
            var error = ClickHouseError.Parse(failure);
            LogQueryFailed(_logger, request.QueryId, error.Code, error.Name);
            await ResponseWriter.WriteErrorAsync(context, error, request.QueryId);
            return;
        }

        LogQueryDone(_logger, request.QueryId, result.Statistics.ElapsedSeconds * 1000, result.Statistics.WrittenRows, result.Length);
        await ResponseWriter.WriteResultAsync(context, result, format, timezone, request.QueryId, request.CompressResponse);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP-only parameters without effect here: {Parameters}")]
    private static partial void LogIgnoredParameters(ILogger logger, string parameters);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId}: SET/USE without a session has no lasting effect; not run")]
    private static partial void LogIgnoredStatement(ILogger logger, string queryId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId} failed: code {Code} ({Name})")]
    private static partial void LogQueryFailed(ILogger logger, string queryId, int code, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId} done in {ElapsedMs:F1} ms, {WrittenRows} rows written, {ResultBytes} bytes out")]
    private static partial void LogQueryDone(ILogger logger, string queryId, double elapsedMs, ulong writtenRows, int resultBytes);
}
