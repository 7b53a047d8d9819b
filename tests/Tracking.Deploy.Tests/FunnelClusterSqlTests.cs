using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.Reports.Funnel;
using Tracking.Reports.Shared;

namespace Tracking.Deploy.Tests;

/// <summary>
/// The funnel report's SQL, every shape of it, runs against the cluster schema's single-server stand-in
/// (database tracking: the Distributed tables as Merge tables over the local ones), as it must on the cluster.
/// </summary>
[Collection(SchemaCollection.Name)]
public sealed class FunnelClusterSqlTests(SchemaFixture schema)
{
    public static TheoryData<FunnelUnit, FunnelOrder, FunnelBreakdown?> Shapes()
    {
        var shapes = new TheoryData<FunnelUnit, FunnelOrder, FunnelBreakdown?>();
        foreach (var unit in Enum.GetValues<FunnelUnit>())
        {
            foreach (var order in Enum.GetValues<FunnelOrder>())
            {
                foreach (var breakdown in Enum.GetValues<FunnelBreakdown>().Select(b => (FunnelBreakdown?)b).Prepend(null))
                {
                    shapes.Add(unit, order, breakdown);
                }
            }
        }

        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_funnel_runs_on_the_cluster_schema(FunnelUnit unit, FunnelOrder order, FunnelBreakdown? breakdown)
    {
        using var store = new ClickHouseStore(schema.ConnectionString, "tracking");
        var report = new FunnelReport(store, Options.Create(new ReportOptions()));
        var steps = new[] { "page:/landing/*", "event:signup{plan=pro}" }.Select(s => FunnelStep.Parse(s).Step!).ToList();
        var range = new ReportRange(DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow);

        var answer = await report.RunAsync("default", new FunnelQuery(steps, null, range, TimeSpan.FromHours(1), unit, order, breakdown), CancellationToken.None);

        Assert.Equal([0L, 0L], answer.Steps.Select(s => s.Count));
    }

    [Fact]
    public async Task The_funnel_step_choices_run_on_the_cluster_schema()
    {
        using var store = new ClickHouseStore(schema.ConnectionString, "tracking");
        var answer = await new FunnelStepsReport(store).RunAsync("default", new FunnelStepsQuery(new ReportRange(DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow), 10), CancellationToken.None);
        Assert.Empty(answer.Pages);
    }
}
