using System.Globalization;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Accounts;

/// <summary>
/// Every account known from group calls before <c>to</c>, with its segment, recent and baseline usage, churn risk
/// and the reasons for it, as docs/definitions.md defines them. Two queries (the accounts, and their usage per
/// account, feature and day in one pass); risk, filters and order are decided here over the few rows per account.
/// </summary>
public sealed class AccountsReport(ClickHouseStore store, IOptions<ReportOptions> options)
{
    private const int TopFeatureCount = 5;
    private const int DroppedFeatureCount = 3;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async Task<AccountsResponse> RunAsync(string project, AccountsQuery query, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(project, query, cancellationToken);
        var rows = new List<AccountRow>();
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("to", query.To.UtcDateTime),
        };
        Segments.AddParameters(parameters, options.Value.Segments);
        var sql = $"SELECT account, traits, segment FROM ({AccountsSql.Known(store.Database)}) WHERE first_seen < {{to:DateTime64(3, 'UTC')}}";
        using (var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = reader.GetString(0);
                var traits = AccountTraits.Parse(reader.GetString(1));
                var used = usage.GetValueOrDefault(account, AccountUsage.None);
                rows.Add(new AccountRow(
                    account,
                    AccountTraits.Name(traits, account),
                    reader.GetString(2),
                    traits,
                    used.ActiveUsers,
                    used.Recent,
                    used.Baseline,
                    used.LastSeen,
                    ChurnRisk.Of(used.Recent, used.Baseline),
                    ChurnRisk.Reasons(used.Recent, used.Baseline, used.DroppedFeatures(DroppedFeatureCount)),
                    used.TopFeatures(TopFeatureCount),
                    used.Daily));
            }
        }

        var matching = rows.Where(r => (query.Segment is null || r.Segment == query.Segment) && (query.Risk is null || r.ChurnRisk == query.Risk)).ToList();
        matching.Sort(Comparer(query.Sort));
        return new AccountsResponse(query.To, matching.Count, matching.Take(query.Limit).ToList());
    }

    private static Comparison<AccountRow> Comparer(AccountsSort sort) => sort switch
    {
        AccountsSort.Events => (a, b) => Then(b.RecentEvents.CompareTo(a.RecentEvents), a, b),
        AccountsSort.Name => (a, b) => Then(string.CompareOrdinal(a.Name, b.Name), a, b),
        _ => (a, b) => Then(
            Array.IndexOf(ChurnRisk.All, a.ChurnRisk).CompareTo(Array.IndexOf(ChurnRisk.All, b.ChurnRisk)) is var level and not 0
                ? level
                : (a.RecentEvents * b.BaselineEvents).CompareTo(b.RecentEvents * a.BaselineEvents), // lower recent/baseline first
            a,
            b),
    };

    private static int Then(int first, AccountRow a, AccountRow b) => first != 0 ? first : string.CompareOrdinal(a.Account, b.Account);

    /// <summary>Per account: its totals (no feature, no day), its features and its days, from one GROUP BY over the usage rollup.</summary>
    private async Task<Dictionary<string, AccountUsage>> UsageAsync(string project, AccountsQuery query, CancellationToken cancellationToken)
    {
        var sql =
            $$"""
            SELECT account, feature, day, toUInt8(grouping(feature)) AS all_features, toUInt8(grouping(day)) AS all_days,
                sumIf(events, first_at >= {recentFrom:DateTime64(3, 'UTC')}) AS recent,
                sumIf(events, first_at < {recentFrom:DateTime64(3, 'UTC')}) AS baseline,
                uniqExactIf(cityHash64(user), first_at >= {recentFrom:DateTime64(3, 'UTC')}) AS active_users,
                max(last_at) AS last_seen
            FROM
            (
                SELECT *, toUInt32(intDiv(toUnixTimestamp64Milli(first_at) - toUnixTimestamp64Milli({usageFrom:DateTime64(3, 'UTC')}), {{(long)Day.TotalMilliseconds}})) AS day
                FROM ({{AccountsSql.Usage(store.Database)}})
            )
            GROUP BY GROUPING SETS ((account), (account, feature), (account, day))
            """;
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("recentFrom", query.RecentFrom.UtcDateTime),
        };
        // The recent window's start is one of the day edges.
        var dayEdges = Enumerable.Range(1, (int)(AccountsQuery.Reach / Day) - 1).Select(d => query.BaselineFrom + (d * Day));
        AccountsSql.AddUsageParameters(parameters, query.BaselineFrom, query.To, dayEdges);
        AccountsSql.AddFeatureParameters(parameters, options.Value.Features);

        var usage = new Dictionary<string, AccountUsage>(StringComparer.Ordinal);
        using var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = reader.GetString(0);
            if (!usage.TryGetValue(account, out var used))
            {
                usage[account] = used = new AccountUsage();
            }

            var recent = Long(reader.GetValue(5));
            var baseline = Long(reader.GetValue(6));
            if (Long(reader.GetValue(3)) == 0)
            {
                used.Features.Add((reader.GetString(1), recent, baseline));
            }
            else if (Long(reader.GetValue(4)) == 0)
            {
                used.Daily[Long(reader.GetValue(2))] = recent + baseline;
            }
            else
            {
                used.Recent = recent;
                used.Baseline = baseline;
                used.ActiveUsers = Long(reader.GetValue(7));
                used.LastSeen = new DateTimeOffset(DateTime.SpecifyKind((DateTime)reader.GetValue(8), DateTimeKind.Utc));
            }
        }

        return usage;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
