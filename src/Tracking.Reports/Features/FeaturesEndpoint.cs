using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Features;

public static class FeaturesEndpoint
{
    /// <summary>GET /v1/reports/features: per feature, the accounts, users and events that used it, and its adoption per segment.</summary>
    public static RouteHandlerBuilder MapFeaturesReport(this IEndpointRouteBuilder app) =>
        app.MapReport<FeaturesReport, FeaturesQuery, FeaturesResponse>(
            "/v1/reports/features",
            FeaturesRequest.Parameters,
            FeaturesRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.FeaturesResponse)
        .WithSummary("Features with the accounts, users and usage events that used them, and the share of accounts per segment");
}
