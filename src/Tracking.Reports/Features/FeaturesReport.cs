using System.Globalization;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Features;

/// <summary>
/// Feature adoption over a range, as docs/definitions.md defines it: per feature its accounts, users and usage
/// events, and the share of the accounts with any usage event in the range that used it, overall and per
/// segment. One GROUP BY over usage events (in groups from the usage rollup) with GROUPING SETS gives the figures and their denominators.
/// </summary>
public sealed class FeaturesReport(ClickHouseStore store, IOptions<ReportOptions> options)
{
    public async Task<FeaturesResponse> RunAsync(string project, FeaturesQuery query, CancellationToken cancellationToken)
    {
        var sql =
            $$"""
            SELECT feature, segment, toUInt8(grouping(feature)) AS all_features, toUInt8(grouping(segment)) AS all_segments,
                uniqExactMerge(account_states) AS accounts, uniqExactMerge(user_states) AS users, sum(feature_events) AS events
            FROM
            (
                -- The usage once per (feature, segment); the other grouping sets merge these few rows' states.
                -- Accounts and users are counted as distinct 64-bit hashes (see SessionFigures.DistinctVisitors).
                SELECT feature, segment, uniqExactState(cityHash64(account)) AS account_states, uniqExactState(cityHash64(user)) AS user_states,
                    sum(events) AS feature_events
                FROM
                (
                    SELECT u.feature AS feature, u.account AS account, u.user AS user, u.events AS events, if(k.segment = '', '{{Segments.Unknown}}', k.segment) AS segment
                    FROM ({{AccountsSql.Usage(store.Database)}}) AS u
                    LEFT JOIN (SELECT account, segment FROM ({{AccountsSql.Known(store.Database)}})) AS k ON u.account = k.account
                )
                {{(query.Segment is null ? string.Empty : "WHERE segment = {segment:String}")}}
                GROUP BY feature, segment
            )
            GROUP BY GROUPING SETS ((feature, segment), (feature), (segment), ())
            """;
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("segment", query.Segment ?? string.Empty),
        };
        AccountsSql.AddUsageParameters(parameters, query.Range.From, query.Range.To, []);
        AccountsSql.AddFeatureParameters(parameters, options.Value.Features);
        Segments.AddParameters(parameters, options.Value.Segments);

        var features = new Dictionary<string, (long Accounts, long Users, long Events)>(StringComparer.Ordinal);
        var featureSegments = new Dictionary<(string Feature, string Segment), long>();
        var active = Segments.All.ToDictionary(s => s, _ => 0L);
        long activeAll = 0;
        using (var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (feature, segment, accounts) = (reader.GetString(0), reader.GetString(1), Long(reader.GetValue(4)));
                switch (Long(reader.GetValue(2)), Long(reader.GetValue(3)))
                {
                    case (0, 0):
                        featureSegments[(feature, segment)] = accounts;
                        break;
                    case (0, 1):
                        features[feature] = (accounts, Long(reader.GetValue(5)), Long(reader.GetValue(6)));
                        break;
                    case (1, 0):
                        active[segment] = accounts;
                        break;
                    default:
                        activeAll = accounts;
                        break;
                }
            }
        }

        var rows = features.Select(f => new FeatureRow(
                f.Key,
                f.Value.Accounts,
                f.Value.Users,
                f.Value.Events,
                Share(f.Value.Accounts, activeAll),
                Segments.All.ToDictionary(s => s, s => new SegmentShare(featureSegments.GetValueOrDefault((f.Key, s)), Share(featureSegments.GetValueOrDefault((f.Key, s)), active[s])))))
            .ToList();
        rows.Sort(Comparer(query.Sort));
        return new FeaturesResponse(query.Range.From, query.Range.To, rows.Count, activeAll, active, rows.Take(query.Limit).ToList());
    }

    private static Comparison<FeatureRow> Comparer(string sort) => sort switch
    {
        "users" => (a, b) => Then(b.Users.CompareTo(a.Users), a, b),
        "events" => (a, b) => Then(b.Events.CompareTo(a.Events), a, b),
        "name" => (a, b) => Then(0, a, b),
        _ => (a, b) => Then(b.Accounts.CompareTo(a.Accounts), a, b),
    };

    private static int Then(int first, FeatureRow a, FeatureRow b) => first != 0 ? first : string.CompareOrdinal(a.Feature, b.Feature);

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
