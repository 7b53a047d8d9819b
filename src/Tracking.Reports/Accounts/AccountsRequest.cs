using Tracking.Reports.Shared;

namespace Tracking.Reports.Accounts;

/// <summary>Validates the accounts report's query string into an <see cref="AccountsQuery"/>.</summary>
public static class AccountsRequest
{
    private static readonly string[] Sorts = ["risk", "events", "name"];

    public static readonly ReportParameter[] Parameters =
    [
        new("to", "The time risk is judged at, ISO 8601 (default now): recent = the 14 days before it, baseline = the 28 before those."),
        new("segment", $"Only accounts of this segment: {string.Join(", ", Segments.All)}."),
        new("risk", $"Only accounts at this churn risk: {string.Join(", ", ChurnRisk.All)}."),
        new("sort", "risk (most at risk first, the default), events (recent usage events, most first) or name."),
        ReportParameter.Limit,
    ];

    public static (AccountsQuery? Query, string? Error) Parse(ReportQueryString query, DateTimeOffset now)
    {
        if (query.Unknown(Parameters) is { } unknown)
        {
            return (null, unknown);
        }

        var (to, error) = ReportRange.ParseTime(query, "to", now);
        if (to is null)
        {
            return (null, error);
        }

        if (to.Value - AccountsQuery.Reach < ReportRange.Earliest)
        {
            return (null, $"to: must be at least {AccountsQuery.Reach.TotalDays} days after {ReportRange.Earliest:yyyy-MM-dd}");
        }

        var (segment, segmentError) = Segments.Parse(query);
        if (segmentError is not null)
        {
            return (null, segmentError);
        }

        var risk = query["risk"];
        if (risk.Length > 0 && !ChurnRisk.All.Contains(risk))
        {
            return (null, $"risk: must be one of {string.Join(", ", ChurnRisk.All)}");
        }

        var sort = query["sort"];
        if (sort.Length > 0 && !Sorts.Contains(sort))
        {
            return (null, $"sort: must be one of {string.Join(", ", Sorts)}");
        }

        var (limit, limitError) = ReportLimit.Parse(query);
        if (limitError is not null)
        {
            return (null, limitError);
        }

        var order = sort switch
        {
            "events" => AccountsSort.Events,
            "name" => AccountsSort.Name,
            _ => AccountsSort.Risk,
        };
        return (new AccountsQuery(to.Value, segment, risk.Length == 0 ? null : risk, order, limit), null);
    }
}
