using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Reports.Shared;

namespace Tracking.Reports.AccountDetail;

public static class AccountDetailEndpoint
{
    /// <summary>GET /v1/reports/accounts/{account}: one account's traits, users, daily usage, features and key-path progress.</summary>
    public static RouteHandlerBuilder MapAccountDetailReport(this IEndpointRouteBuilder app) =>
        app.MapReport<AccountDetailReport, AccountDetailQuery, AccountDetailResponse>(
            "/v1/reports/accounts/{account}",
            AccountDetailRequest.Parameters,
            AccountDetailRequest.Parse,
            (report, project, query, cancellationToken) => report.RunAsync(project, query, cancellationToken),
            ReportJsonContext.Default.AccountDetailResponse)
        .Produces<ReportError>(StatusCodes.Status404NotFound)
        .WithSummary("One account: traits, segment, users, usage events per day, features with first and last use, furthest step per key path");
}
