using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Reports.AccountDetail;
using Tracking.Reports.Accounts;
using Tracking.Reports.Breakdown;
using Tracking.Reports.Clicks;
using Tracking.Reports.Exits;
using Tracking.Reports.Features;
using Tracking.Reports.Funnel;
using Tracking.Reports.Landing;
using Tracking.Reports.Paths;
using Tracking.Reports.Shared;
using Tracking.Reports.Timeseries;

namespace Tracking.Reports;

/// <summary>Every report's endpoint, each authorized by a read key (Authorization: Bearer).</summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddSingleton<LandingReport>()
            .AddSingleton<TimeseriesReport>()
            .AddSingleton<BreakdownReport>()
            .AddSingleton<AccountsReport>()
            .AddSingleton<FeaturesReport>()
            .AddSingleton<AccountDetailReport>()
            .AddSingleton<FunnelReport>()
            .AddSingleton<FunnelStepsReport>()
            .AddSingleton<ClicksReport>()
            .AddSingleton<ExitsReport>()
            .AddSingleton<PathsReport>()
            .AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).Services;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(string.Empty).WithTags("reports");
        reports.MapLandingReport();
        reports.MapTimeseriesReport();
        reports.MapBreakdownReport();
        reports.MapAccountsReport();
        reports.MapFeaturesReport();
        reports.MapAccountDetailReport();
        reports.MapFunnelReport();
        reports.MapFunnelStepsReport();
        reports.MapClicksReport();
        reports.MapExitsReport();
        reports.MapPathsReport();
        return app;
    }
}
