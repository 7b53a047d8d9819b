using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Breakdown;

public static class BreakdownEndpoint
{
    /// <summary>GET /v1/reports/breakdown: the top values of a dimension with their session figures.</summary>
    public static RouteHandlerBuilder MapBreakdownReport(this IEndpointRouteBuilder app) =>
        app.MapReport<BreakdownReport, BreakdownQuery, BreakdownResponse>(
            "/v1/reports/breakdown",
            BreakdownRequest.Parameters,
            BreakdownRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.BreakdownResponse)
        .WithSummary("Top keywords, landing pages, sources, devices or search engines with sessions, visitors, bounce and lead rates");
}
