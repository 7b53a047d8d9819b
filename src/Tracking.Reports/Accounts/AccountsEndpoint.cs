using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Accounts;

public static class AccountsEndpoint
{
    /// <summary>GET /v1/reports/accounts: every account with its segment, usage and churn risk at to.</summary>
    public static RouteHandlerBuilder MapAccountsReport(this IEndpointRouteBuilder app) =>
        app.MapReport<AccountsReport, AccountsQuery, AccountsResponse>(
            "/v1/reports/accounts",
            AccountsRequest.Parameters,
            AccountsRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.AccountsResponse)
        .WithSummary("Accounts known from group calls with segment, active users, recent and baseline usage, churn risk and its reasons");
}
