using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Tracking.Reports.Shared;

/// <summary>What every report endpoint does around its query: the read key, and errors as JSON naming the parameter.</summary>
public static class ReportHttp
{
    /// <summary>The project of the request's read key (Authorization: Bearer), or null.</summary>
    public static string? Project(HttpContext context, IReadKeyResolver keys)
    {
        var key = BearerKey(context);
        return key.IsEmpty ? null : keys.ProjectForReadKey(key);
    }

    /// <summary>The key of an <c>Authorization: Bearer &lt;key&gt;</c> header; empty without one.</summary>
    public static ReadOnlySpan<char> BearerKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization.AsSpan(7).Trim() : [];
    }

    public static IResult Unauthorized() =>
        Results.Json(new ReportError("Authorization: send a valid read key as 'Bearer <readKey>'"), ReportJsonContext.Default.ReportError, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult BadRequest(string error) =>
        Results.Json(new ReportError(error), ReportJsonContext.Default.ReportError, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// Maps GET <paramref name="pattern"/> to a report: checks the read key, parses the query string (an
    /// error names the parameter), and answers with what <paramref name="run"/> returns as JSON.
    /// </summary>
    public static IResult NotFound(string error) =>
        Results.Json(new ReportError(error), ReportJsonContext.Default.ReportError, statusCode: StatusCodes.Status404NotFound);

    public static RouteHandlerBuilder MapReport<TReport, TQuery, TResponse>(
        this IEndpointRouteBuilder app,
        string pattern,
        IReadOnlyList<ReportParameter> parameters,
        Func<ReportQueryString, DateTimeOffset, (TQuery? Query, string? Error)> parse,
        Func<TReport, string, TQuery, CancellationToken, Task<TResponse>> run,
        JsonTypeInfo<TResponse> json)
        where TReport : class
        where TQuery : class =>
        app.MapGet(pattern, async (HttpContext context, [FromServices] TReport report, [FromServices] IReadKeyResolver keys, [FromServices] TimeProvider clock) =>
        {
            var project = Project(context, keys);
            if (project is null)
            {
                return Unauthorized();
            }

            var (query, error) = parse(new ReportQueryString(context.Request.Query, context.Request.RouteValues), clock.GetUtcNow());
            if (query is null)
            {
                return BadRequest(error!);
            }

            try
            {
                return Results.Json(await run(report, project, query, context.RequestAborted), json);
            }
            catch (ReportInputException e)
            {
                return BadRequest(e.Message);
            }
            catch (ReportNotFoundException e)
            {
                return NotFound(e.Message);
            }
        })
        .Produces<TResponse>()
        .Produces<ReportError>(StatusCodes.Status400BadRequest)
        .Produces<ReportError>(StatusCodes.Status401Unauthorized)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // The handler reads the query string and the path's values itself (to name what is wrong): describe what it takes.
            operation.Parameters ??= [];
            foreach (var name in Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(pattern).Parameters.Select(p => p.Name))
            {
                if (!operation.Parameters.Any(p => p.Name == name))
                {
                    operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
                }
            }

            foreach (var parameter in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Description = parameter.Description,
                    Schema = parameter.Repeatable
                        ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
                        : new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
}
