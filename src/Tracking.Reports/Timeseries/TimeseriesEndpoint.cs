using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Timeseries;

public static class TimeseriesEndpoint
{
    /// <summary>GET /v1/reports/timeseries: session figures per hour or day.</summary>
    public static RouteHandlerBuilder MapTimeseriesReport(this IEndpointRouteBuilder app) =>
        app.MapReport<TimeseriesReport, TimeseriesQuery, TimeseriesResponse>(
            "/v1/reports/timeseries",
            TimeseriesRequest.Parameters,
            TimeseriesRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.TimeseriesResponse)
        .WithSummary("Sessions, visitors, bounce and lead rates per hour or day (UTC or tz), empty buckets as zeros");
}
