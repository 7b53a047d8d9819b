using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tracking.Reports;

public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddSingleton<LandingReport>();

    /// <summary>GET /v1/reports/landing, authorized by a read key (Authorization: Bearer).</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/reports/landing", async (HttpContext context, LandingReport report, IReadKeyResolver keys, TimeProvider clock) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var project = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? keys.ProjectForReadKey(authorization.AsSpan(7).Trim())
                : null;
            if (project is null)
            {
                return Results.Json(new ReportError("Authorization: send a valid read key as 'Bearer <readKey>'"), ReportJsonContext.Default.ReportError, statusCode: StatusCodes.Status401Unauthorized);
            }

            var (query, error) = LandingReportRequest.Parse(context.Request.Query, clock.GetUtcNow());
            if (query is null)
            {
                return Results.Json(new ReportError(error!), ReportJsonContext.Default.ReportError, statusCode: StatusCodes.Status400BadRequest);
            }

            var rows = await report.RunAsync(project, query, context.RequestAborted);
            return Results.Json(new LandingReportResponse(rows), ReportJsonContext.Default.LandingReportResponse);
        }).WithTags("reports");
        return app;
    }
}
