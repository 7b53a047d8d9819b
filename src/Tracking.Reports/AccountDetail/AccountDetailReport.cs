using System.Data;
using System.Globalization;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.AccountDetail;

/// <summary>
/// One account's page, as docs/definitions.md defines its parts: the account's traits, and from its usage events in
/// the range (one GROUP BY with GROUPING SETS) its users, days, features and key-path progress (the SDK's Step
/// events: properties key_path, step, step_index). An account no group call named with no usage in the range is
/// unknown (404).
/// </summary>
public sealed class AccountDetailReport(ClickHouseStore store, IOptions<ReportOptions> options)
{
    public async Task<AccountDetailResponse> RunAsync(string project, AccountDetailQuery query, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("account", query.Account),
            SessionQuery.Parameter("usageFrom", query.Range.From.UtcDateTime),
            SessionQuery.Parameter("usageTo", query.Range.To.UtcDateTime),
        };
        Segments.AddParameters(parameters, options.Value.Segments);
        AccountsSql.AddFeatureParameters(parameters, options.Value.Features);

        var traits = AccountTraits.Parse(string.Empty);
        var segment = Segments.Unknown;
        DateTimeOffset? firstSeen = null;
        var known = $"SELECT first_seen, traits, segment FROM ({AccountsSql.Known(store.Database)}) WHERE account = {{account:String}}";
        using (var reader = await store.Client.ExecuteReaderAsync(known, parameters, null, cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                firstSeen = Time(reader, 0);
                traits = AccountTraits.Parse(reader.GetString(1));
                segment = reader.GetString(2);
            }
        }

        var users = new List<AccountUser>();
        var days = new Dictionary<string, AccountDay>(StringComparer.Ordinal);
        var features = new List<AccountFeature>();
        var steps = new List<KeyPathProgress>();
        using (var reader = await store.Client.ExecuteReaderAsync(UsageSql(), parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (events, distinctUsers, first, last) = (Long(reader, 9), Long(reader, 10), Time(reader, 11), Time(reader, 12));
                if (Long(reader, 6) == 0)
                {
                    users.Add(new AccountUser(reader.GetString(0), events, first, last));
                }
                else if (Long(reader, 7) == 0)
                {
                    var day = reader.GetString(1);
                    days[day] = new AccountDay(day, events, distinctUsers);
                }
                else if (Long(reader, 8) == 0)
                {
                    features.Add(new AccountFeature(reader.GetString(2), events, distinctUsers, first, last));
                }
                else if (reader.GetString(3).Length > 0)
                {
                    steps.Add(new KeyPathProgress(reader.GetString(3), reader.GetString(5), Long(reader, 4), first));
                }
            }
        }

        if (firstSeen is null && users.Count == 0)
        {
            throw new ReportNotFoundException($"account: no group call named '{query.Account}' and no usage event in the range carries it");
        }

        return new AccountDetailResponse(
            query.Account,
            AccountTraits.Name(traits, query.Account),
            segment,
            traits,
            firstSeen,
            query.Range.From,
            query.Range.To,
            users.OrderByDescending(u => u.Events).ThenBy(u => u.User, StringComparer.Ordinal).ToList(),
            EveryDay(query.Range).Select(d => days.GetValueOrDefault(d, new AccountDay(d, 0, 0))).ToList(),
            features.OrderByDescending(f => f.Events).ThenBy(f => f.Feature, StringComparer.Ordinal).ToList(),
            steps.GroupBy(s => s.KeyPath, StringComparer.Ordinal)
                .Select(path => path.MaxBy(s => s.StepIndex)!)
                .OrderBy(s => s.KeyPath, StringComparer.Ordinal)
                .ToList());
    }

    // Columns: user, day, feature, key_path, step_index, step, the three grouping flags, events, users, first, last.
    private string UsageSql() =>
        $$"""
        SELECT user, toString(toDate(timestamp)) AS day, feature, key_path, step_index, step,
            toUInt8(grouping(user)), toUInt8(grouping(day)), toUInt8(grouping(feature)),
            count() AS events, uniqExact(user) AS users, min(timestamp) AS first, max(timestamp) AS last
        FROM
        (
            SELECT timestamp, user, feature,
                JSONExtractString(properties, 'key_path') AS key_path,
                JSONExtractInt(properties, 'step_index') AS step_index,
                JSONExtractString(properties, 'step') AS step
            FROM ({{AccountsSql.UsageEvents(store.Database, withProperties: true)}})
            WHERE account = {account:String}
        )
        GROUP BY GROUPING SETS ((user), (day), (feature), (key_path, step_index, step))
        """;

    /// <summary>The UTC dates the range touches, as yyyy-MM-dd.</summary>
    private static IEnumerable<string> EveryDay(ReportRange range)
    {
        for (var day = range.From.UtcDateTime.Date; day < range.To.UtcDateTime; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    private static long Long(IDataRecord reader, int column) => Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(IDataRecord reader, int column) =>
        new(DateTime.SpecifyKind((DateTime)reader.GetValue(column), DateTimeKind.Utc));
}
