using System.Globalization;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>The pages, events and key paths seen in a range, for building funnels (the dashboard's step pickers).</summary>
public sealed class FunnelStepsReport(ClickHouseStore store)
{
    private const int MaxKeyPaths = 100;

    public async Task<FunnelStepsResponse> RunAsync(string project, FunnelStepsQuery query, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("from", query.Range.From.UtcDateTime),
            SessionQuery.Parameter("to", query.Range.To.UtcDateTime),
            SessionQuery.Parameter("limit", query.Limit),
        };
        var choices = new Dictionary<string, (long Total, List<FunnelStepChoice> Rows)> { ["page"] = (0, []), ["track"] = (0, []) };
        using (var reader = await store.Client.ExecuteReaderAsync(ChoicesSql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var type = reader.GetString(0);
                var value = reader.GetString(1);
                var (_, rows) = choices[type];
                rows.Add(new FunnelStepChoice(value, (type == "page" ? "page:" : "event:") + value, Long(reader.GetValue(2))));
                choices[type] = (Long(reader.GetValue(3)), rows);
            }
        }

        var keyPaths = new List<FunnelKeyPath>();
        using (var reader = await store.Client.ExecuteReaderAsync(KeyPathsSql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keyPaths.Add(new FunnelKeyPath(reader.GetString(0), ((string[])reader.GetValue(1)).ToList()));
            }
        }

        return new FunnelStepsResponse(choices["page"].Total, choices["page"].Rows, choices["track"].Total, choices["track"].Rows, keyPaths);
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private string ChoicesSql =>
        $$"""
        SELECT type, value, events, total
        FROM
        (
            SELECT type, value, events, count() OVER (PARTITION BY type) AS total,
                row_number() OVER (PARTITION BY type ORDER BY events DESC, value) AS rank
            FROM
            (
                SELECT type, if(type = 'page', page_path, event) AS value, uniqExact(message_id) AS events
                FROM {{store.Database}}.events
                WHERE project_id = {project:String} AND type IN ('page', 'track')
                  AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {to:DateTime64(3, 'UTC')}
                GROUP BY type, value
                HAVING value != ''
            )
        )
        WHERE rank <= {limit:UInt32}
        ORDER BY type, rank
        """;

    // A key path's steps in step_index order (a step seen with several indexes at its least), as the funnel takes them.
    private string KeyPathsSql =>
        $$"""
        SELECT key_path, arrayMap(s -> s.2, arraySort(groupArray((step_index, event)))) AS steps
        FROM
        (
            SELECT JSONExtractString(properties, '{{KeyPathProperties.KeyPath}}') AS key_path, event,
                min(JSONExtractInt(properties, '{{KeyPathProperties.StepIndex}}')) AS step_index
            FROM {{store.Database}}.events
            WHERE project_id = {project:String} AND type = 'track'
              AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {to:DateTime64(3, 'UTC')}
              AND key_path != ''
            GROUP BY key_path, event
        )
        GROUP BY key_path
        ORDER BY key_path
        LIMIT {{MaxKeyPaths}}
        """;
}
