using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Clicks;

public static class ClicksEndpoint
{
    /// <summary>GET /v1/reports/clicks: a page's clicked elements, heatmap cells and scroll depth.</summary>
    public static RouteHandlerBuilder MapClicksReport(this IEndpointRouteBuilder app) =>
        app.MapReport<ClicksReport, ClicksQuery, ClicksResponse>(
            "/v1/reports/clicks",
            ClicksRequest.Parameters,
            ClicksRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.ClicksResponse)
        .WithSummary("Clicks on a page: elements (selector, text), heatmap cells per device class, scroll depth");
}
