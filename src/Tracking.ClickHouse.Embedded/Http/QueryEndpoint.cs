using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Http.Access;
using Tracking.ClickHouse.Embedded.Native;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// <c>GET|POST /</c>: one statement per request, as ClickHouse's HTTP interface runs it: refused when a
/// web page sent it, then authenticated, then checked against what every user and read-only requests
/// may do (<see cref="StatementHazards"/>, <see cref="ReadOnlyQueries"/>).
/// </summary>
internal sealed partial class QueryEndpoint
{
    private static readonly int CannotDecompress = 271;

    private readonly ChdbEngine _engine;
    private readonly InsertSpool _spool;
    private readonly UserDirectory _users;
    private readonly ILogger _logger;

    public QueryEndpoint(ChdbEngine engine, InsertSpool spool, UserDirectory users, ILogger logger)
    {
        _engine = engine;
        _spool = spool;
        _users = users;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (BrowserRequests.Refuse(context.Request) is { } fromPage)
        {
            await RefuseAsync(context, fromPage, "");
            return;
        }

        var request = HttpQueryParameters.Parse(context.Request);
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (isGet && request is { Error: null, Query: null })
        {
            await PingEndpoint.HandleAsync(context); // ClickHouse answers a bare GET / like /ping, without credentials
            return;
        }

        // Credentials first: nothing about the request is answered to someone who is not a user.
        if (!TryAuthenticate(context.Request, out var user, out var unknown))
        {
            await RefuseAsync(context, unknown, request.QueryId);
            return;
        }

        if (request.Error is { } invalid)
        {
            await ResponseWriter.WriteErrorAsync(context, invalid, request.QueryId);
            return;
        }

        var readOnly = ReadOnlyQueries.Applies(user, isGet, request);
        if (readOnly && ReadOnlyQueries.CheckSettings(user, request) is { } denied)
        {
            await RefuseAsync(context, denied, request.QueryId);
            return;
        }

        if (request.Ignored.Count > 0)
        {
            LogIgnoredParameters(_logger, string.Join(", ", request.Ignored));
        }

        try
        {
            await RunAsync(context, request, user, isGet, readOnly);
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

    /// <summary>A request refused before anything ran: logged, counted by reason, answered like ClickHouse.</summary>
    private async Task RefuseAsync(HttpContext context, ClickHouseError error, string queryId)
    {
        LogRefused(_logger, error.Name, error.Message);
        EmbeddedClickHouseMetrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", error.Name));
        await ResponseWriter.WriteErrorAsync(context, error, queryId);
    }

    private bool TryAuthenticate(HttpRequest request, [NotNullWhen(true)] out SqlUser? user, [NotNullWhen(false)] out ClickHouseError? refusal)
    {
        var (name, password, invalid) = RequestCredentials.Read(request);
        user = invalid is null ? _users.Authenticate(name, password) : null;
        refusal = user is not null ? null : invalid ?? ClickHouseError.Create(
            ClickHouseError.AuthenticationFailed,
            "AUTHENTICATION_FAILED",
            $"{name}: Authentication failed: password is incorrect, or there is no user with such name");
        return user is not null;
    }

    private async Task RunAsync(HttpContext context, HttpQueryParameters request, SqlUser user, bool isGet, bool readOnly)
    {
        await using var body = RequestBody.Open(context.Request, out var encodingError);
        if (encodingError is not null)
        {
            await ResponseWriter.WriteErrorAsync(context, encodingError, request.QueryId);
            return;
        }

        using var statement = await StatementReader.ReadAsync(request.Query, body, _spool, readOnly, context.RequestAborted);
        var rejection = statement.Shape switch
        {
            { Kind: StatementKind.Empty } => "Empty query",
            { IsMultiStatement: true } => "Multi-statements are not allowed",
            _ => null,
        };
        var refusal = rejection is not null ? ClickHouseError.Create(ClickHouseError.SyntaxError, "SYNTAX_ERROR", rejection)
            : statement.Shape.Hazard is { } hazard ? ClickHouseError.Create(ClickHouseError.AccessDenied, "ACCESS_DENIED", $"{user.Name}: Not enough privileges: {hazard}")
            : readOnly ? ReadOnlyQueries.CheckStatement(user, isGet, statement.Shape)
            : null;
        if (refusal is null && user.ProjectId is not null)
        {
            refusal = ProjectQueries.CheckStatement(user, statement.Text.Span, _engine.TableFunctions);
        }

        if (refusal is not null)
        {
            await RefuseAsync(context, refusal, request.QueryId);
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

        var text = readOnly && user.ProjectId is null ? ReadOnlyQueries.Bounded(statement.Text.Span, statement.Shape, user, request) : statement.Text.Memory;
        Func<IReadOnlyList<CatalogTable>, ReadOnlyMemory<byte>>? scoped = user.ProjectId is { } project
            ? tables => ReadOnlyQueries.Bounded(statement.Text.Span, statement.Shape, user, request, ProjectFilters.Settings(project, tables))
            : null;
        var query = new EngineQuery(text, request.DefaultFormat, request.Database, request.Parameters, request.Settings, user.Priority, scoped);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQL request refused ({Name}): {Message}")]
    private static partial void LogRefused(ILogger logger, string name, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP-only parameters without effect here: {Parameters}")]
    private static partial void LogIgnoredParameters(ILogger logger, string parameters);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId}: SET/USE without a session has no lasting effect; not run")]
    private static partial void LogIgnoredStatement(ILogger logger, string queryId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId} failed: code {Code} ({Name})")]
    private static partial void LogQueryFailed(ILogger logger, string queryId, int code, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query {QueryId} done in {ElapsedMs:F1} ms, {WrittenRows} rows written, {ResultBytes} bytes out")]
    private static partial void LogQueryDone(ILogger logger, string queryId, double elapsedMs, ulong writtenRows, int resultBytes);
}
