using Tracking.Reports.Breakdown;
using Tracking.Reports.Clicks;
using Tracking.Reports.Exits;
using Tracking.Reports.Landing;
using Tracking.Reports.Paths;
using Tracking.Reports.Shared;
using Tracking.Reports.Timeseries;

namespace Tracking.Deploy.Tests;

/// <summary>
/// Every report runs unchanged on the cluster schema: its SQL, with every filter, against the Distributed
/// tables of deploy/clickhouse/cluster.sql (see <see cref="SchemaFixture"/>). A refused statement fails with
/// ClickHouse's message.
/// </summary>
[Collection(SchemaCollection.Name)]
public sealed class ClusterReportTests(SchemaFixture schema)
{
    private static readonly SessionQuery Filtered = new(
        new ReportRange(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero)),
        new SessionFilters("免费CRM", "/pricing", "baidu", "mobile"));

    public static TheoryData<string> Reports => ["landing", "timeseries", "breakdown", "clicks", "exits", "paths"];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task The_reports_SQL_is_accepted_against_the_distributed_tables(string report)
    {
        using var store = schema.ClusterStore();
        foreach (var sessions in new[] { Filtered with { Filters = SessionFilters.None }, Filtered })
        {
            await (report switch
            {
                "landing" => new LandingReport(store).RunAsync("p", new LandingReportQuery(LandingGrouping.KeywordAndPage, sessions), CancellationToken.None),
                "timeseries" => new TimeseriesReport(store).RunAsync("p", new TimeseriesQuery(["sessions", "leads"], TimeseriesInterval.Day, TimeZoneInfo.Utc, sessions), CancellationToken.None),
                "breakdown" => new BreakdownReport(store).RunAsync("p", new BreakdownQuery(BreakdownDimension.All[0], BreakdownSort.Sessions, 10, true, sessions), CancellationToken.None),
                "clicks" => new ClicksReport(store).RunAsync("p", new ClicksQuery("/pricing", ReportLimit.Default, sessions), CancellationToken.None),
                "exits" => new ExitsReport(store).RunAsync("p", new ExitsQuery(ExitsSort.Exits, ReportLimit.Default, sessions), CancellationToken.None),
                "paths" => (Task)new PathsReport(store).RunAsync("p", new PathsQuery("/", 5, sessions), CancellationToken.None),
                _ => throw new ArgumentOutOfRangeException(nameof(report)),
            });
        }
    }
}
