using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Exits;

public static class ExitsEndpoint
{
    /// <summary>GET /v1/reports/exits: per page its sessions, exits, exit rate and exit targets.</summary>
    public static RouteHandlerBuilder MapExitsReport(this IEndpointRouteBuilder app) =>
        app.MapReport<ExitsReport, ExitsQuery, ExitsResponse>(
            "/v1/reports/exits",
            ExitsRequest.Parameters,
            ExitsRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.ExitsResponse)
        .WithSummary("Exit pages with sessions, exits and exit rate, and the hosts sessions left to");
}
