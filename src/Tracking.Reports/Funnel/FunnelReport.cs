using System.Globalization;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>
/// The funnel of docs/definitions.md: per step the units (stitched visitors, sessions or accounts) whose
/// level reaches it, the conversions, and the median time from the previous step; optionally per breakdown
/// value. Every value reaches ClickHouse as a query parameter, never as SQL text.
/// </summary>
public sealed class FunnelReport(ClickHouseStore store, IOptions<ReportOptions> options)
{
    public async Task<FunnelResponse> RunAsync(string project, FunnelQuery query, CancellationToken cancellationToken)
    {
        var steps = query.KeyPath is null ? query.Steps : await KeyPathStepsAsync(project, query, cancellationToken);
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
        };
        Segments.AddParameters(parameters, options.Value.Segments);
        var sql = FunnelSql.Build(store.Database, query, steps, parameters);

        var all = new long[steps.Count];
        var allMedians = new double?[steps.Count];
        var byValue = new Dictionary<string, (long[] Counts, double?[] Medians)>(StringComparer.Ordinal);
        long total = 0;
        using (var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var isAll = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) == 1;
                var (counts, medians) = isAll ? (all, allMedians) : Figures(byValue, reader.GetString(1), steps.Count);
                var step = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture) - 1;
                counts[step] = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                medians[step] = step == 0 ? null : Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture);
                if (isAll && step == 0)
                {
                    total = Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture);
                }
            }
        }

        var breakdowns = query.Breakdown is null
            ? null
            : byValue
                .OrderBy(v => v.Key == FunnelQuery.OtherValue)
                .ThenByDescending(v => query.Sort switch { FunnelSort.Entered => v.Value.Counts[0], FunnelSort.Converted => v.Value.Counts[^1], _ => 0 })
                .ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new FunnelBreakdownRow(v.Key, Results(steps, v.Value.Counts, v.Value.Medians)))
                .ToList();
        return new FunnelResponse(FunnelNames.Of(query.Unit), (long)query.Window.TotalSeconds, Results(steps, all, allMedians), breakdowns is null ? null : total, breakdowns);
    }

    private static (long[] Counts, double?[] Medians) Figures(Dictionary<string, (long[] Counts, double?[] Medians)> byValue, string value, int steps)
    {
        if (!byValue.TryGetValue(value, out var figures))
        {
            figures = (new long[steps], new double?[steps]);
            byValue[value] = figures;
        }

        return figures;
    }

    private static List<FunnelStepResult> Results(IReadOnlyList<FunnelStep> steps, long[] counts, double?[] medians) =>
        steps.Select((step, i) => new FunnelStepResult(
                step.Text,
                counts[i],
                Ratio(counts[i], counts[0]),
                i == 0 ? null : Ratio(counts[i], counts[i - 1]),
                medians[i]))
            .ToList();

    private static double Ratio(long count, long of) => of == 0 ? 0 : (double)count / of;

    /// <summary>
    /// The steps of the key path: the steps its Step events in [from, to) name, in step_index order (a step seen
    /// with several indexes takes its least).
    /// </summary>
    private async Task<IReadOnlyList<FunnelStep>> KeyPathStepsAsync(string project, FunnelQuery query, CancellationToken cancellationToken)
    {
        var sql =
            $$"""
            SELECT event, min(JSONExtractInt(properties, '{{KeyPathProperties.StepIndex}}')) AS step_index
            FROM {{store.Database}}.events
            WHERE project_id = {project:String} AND type = 'track'
              AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {to:DateTime64(3, 'UTC')}
              AND JSONExtractString(properties, '{{KeyPathProperties.KeyPath}}') = {keyPath:String}
            GROUP BY event
            ORDER BY step_index, event
            LIMIT {{FunnelQuery.MaxSteps + 1}}
            """;
        var parameters = new ClickHouseParameterCollection
        {
            SessionQuery.Parameter("project", project),
            SessionQuery.Parameter("from", query.Range.From.UtcDateTime),
            SessionQuery.Parameter("to", query.Range.To.UtcDateTime),
            SessionQuery.Parameter("keyPath", query.KeyPath!),
        };
        var steps = new List<FunnelStep>();
        using var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(FunnelStep.OfKeyPath(query.KeyPath!, reader.GetString(0)));
        }

        return steps.Count is < FunnelQuery.MinSteps or > FunnelQuery.MaxSteps
            ? throw new ReportInputException($"keyPath: '{query.KeyPath}' has {(steps.Count > FunnelQuery.MaxSteps ? "more than " + FunnelQuery.MaxSteps : steps.Count)} steps in the range; a funnel takes {FunnelQuery.MinSteps} to {FunnelQuery.MaxSteps}")
            : steps;
    }
}
