using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

public static class PathsEndpoint
{
    /// <summary>GET /v1/reports/paths: the flow of sessions' page paths from a start page, level by level.</summary>
    public static RouteHandlerBuilder MapPathsReport(this IEndpointRouteBuilder app) =>
        app.MapReport<PathsReport, PathsQuery, PathsResponse>(
            "/v1/reports/paths",
            PathsRequest.Parameters,
            PathsRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.PathsResponse)
        .WithSummary("Paths from a page: links level by level from each session's first view of it to the next page or (exit)");
}
