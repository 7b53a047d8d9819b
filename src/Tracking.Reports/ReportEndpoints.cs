using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Reports.Breakdown;
using Tracking.Reports.Clicks;
using Tracking.Reports.Exits;
using Tracking.Reports.Landing;
using Tracking.Reports.Paths;
using Tracking.Reports.Timeseries;

namespace Tracking.Reports;

/// <summary>Every report's endpoint, each authorized by a read key (Authorization: Bearer).</summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddSingleton<LandingReport>()
            .AddSingleton<TimeseriesReport>()
            .AddSingleton<BreakdownReport>()
            .AddSingleton<ClicksReport>()
            .AddSingleton<ExitsReport>()
            .AddSingleton<PathsReport>();

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(string.Empty).WithTags("reports");
        reports.MapLandingReport();
        reports.MapTimeseriesReport();
        reports.MapBreakdownReport();
        reports.MapClicksReport();
        reports.MapExitsReport();
        reports.MapPathsReport();
        return app;
    }
}
