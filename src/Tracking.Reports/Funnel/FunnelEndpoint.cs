using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

public static class FunnelEndpoint
{
    /// <summary>GET /v1/reports/funnel: units reaching each step of a funnel or key path, with conversions and median times.</summary>
    public static RouteHandlerBuilder MapFunnelReport(this IEndpointRouteBuilder app) =>
        app.MapReport<FunnelReport, FunnelQuery, FunnelResponse>(
            "/v1/reports/funnel",
            FunnelRequest.Parameters,
            FunnelRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.FunnelResponse)
        .WithSummary("Visitors, sessions or accounts reaching each step of a funnel or key path, with conversions, median time between steps and a breakdown");

    /// <summary>GET /v1/reports/funnel/steps: the pages, events and key paths seen in a range, to build funnels from.</summary>
    public static RouteHandlerBuilder MapFunnelStepsReport(this IEndpointRouteBuilder app) =>
        app.MapReport<FunnelStepsReport, FunnelStepsQuery, FunnelStepsResponse>(
            "/v1/reports/funnel/steps",
            FunnelStepsRequest.Parameters,
            FunnelStepsRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.FunnelStepsResponse)
        .WithSummary("The page paths, track events and key paths seen in a range, most frequent first, to build funnels from");
}
