using Tracking.Reports.Shared;

namespace Tracking.Reports.AccountDetail;

/// <summary>Validates an account page's path and query string into an <see cref="AccountDetailQuery"/>.</summary>
public static class AccountDetailRequest
{
    private const int MaxAccountLength = 2048;

    public static readonly ReportParameter[] Parameters =
    [
        new("from", "Start of the range, ISO 8601 (default: 7 days before to)."),
        new("to", "End of the range, ISO 8601, exclusive (default: now). At most 366 days after from."),
    ];

    public static (AccountDetailQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var account = query.Route("account");
        if (account.Length is 0 or > MaxAccountLength)
        {
            return (null, $"account: must be an account id of 1 to {MaxAccountLength} characters");
        }

        var (range, error) = ReportRange.Parse(query, now);
        return range is null ? (null, error) : (new AccountDetailQuery(account, range.Value), null);
    }
}
