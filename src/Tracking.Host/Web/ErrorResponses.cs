using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Tracking.Host.Web;

/// <summary>
/// An unhandled error anywhere answers a JSON problem (RFC 9457) whose <c>traceId</c> is the one its log line
/// carries, never an empty 500; a malformed request that Kestrel refuses mid-body keeps its own 4xx status.
/// </summary>
internal static partial class ErrorResponses
{
    public static void UseErrorResponses(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorResponses).FullName!);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context => WriteAsync(context, logger),

            // The handler logs the error with its trace id; the middleware's own log line would repeat it without one.
            SuppressDiagnosticsCallback = _ => true,
        });
    }

    private static async Task WriteAsync(HttpContext context, ILogger logger)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        var status = context.Response.StatusCode;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, traceId, context.Request.Method, context.Request.Path);
        }

        var error = status >= StatusCodes.Status500InternalServerError
            ? $"internal error; the server log has it under traceId {traceId}"
            : exception?.Message ?? "bad request";
        await Results.Problem(statusCode: status, extensions: new Dictionary<string, object?> { ["traceId"] = traceId, ["error"] = error }).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error, traceId {TraceId}, on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, string traceId, string method, string path);
}
