using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Landing;

/// <summary>The landing report's HTTP answer.</summary>
public sealed record LandingReportResponse(IReadOnlyList<LandingReportRow> Rows);

public static class LandingEndpoint
{
    /// <summary>GET /v1/reports/landing: sessions, bounces and leads per keyword and/or landing page.</summary>
    public static RouteHandlerBuilder MapLandingReport(this IEndpointRouteBuilder app) =>
        app.MapReport<LandingReport, LandingReportQuery, LandingReportResponse>(
            "/v1/reports/landing",
            LandingReportRequest.Parameters,
            LandingReportRequest.Parse,
            async (report, project, query, cancellationToken) => new LandingReportResponse(await report.RunAsync(project, query, cancellationToken)),
            ReportJsonContext.Default.LandingReportResponse)
        .WithSummary("Sessions, visitors, bounce and lead rates and median duration per keyword and/or landing page");
}
