using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// The embedded SQL port as each project's own user (user = project id, password = a read key of it) on the shared
/// host: every table and every way of reading one yields that project's rows only; the analyst still sees all.
/// </summary>
public sealed partial class ProjectScopingTests
{
    /// <summary>Ways of reading a table; each answers the project ids of the rows it read, one a line.</summary>
    public static TheoryData<string, string> Constructs() => new()
    {
        { "plain", "SELECT DISTINCT project_id FROM tracking.events" },
        { "FINAL", "SELECT DISTINCT project_id FROM tracking.events FINAL" },
        { "subquery", "SELECT DISTINCT project_id FROM (SELECT project_id FROM tracking.events)" },
        { "scalar subquery", "SELECT arrayJoin((SELECT groupUniqArray(project_id) FROM tracking.sessions))" },
        { "IN (SELECT …)", "SELECT p FROM (SELECT arrayJoin(['default', 'B']) AS p) WHERE p IN (SELECT project_id FROM tracking.events)" },
        { "IN table", "SELECT p FROM (SELECT arrayJoin(['default', 'B']) AS p) WHERE p IN in_table_probe.project_ids" },
        { "JOIN", "SELECT DISTINCT arrayJoin([s.project_id, e.project_id]) FROM tracking.sessions AS s JOIN tracking.events AS e ON e.session_id = s.session_id" },
        { "UNION ALL", "SELECT DISTINCT p FROM (SELECT project_id AS p FROM tracking.events UNION ALL SELECT project_id FROM tracking.accounts)" },
        { "CTE", "WITH x AS (SELECT project_id FROM tracking.events) SELECT DISTINCT project_id FROM x" },
        { "materialized view by name", "SELECT DISTINCT project_id FROM tracking.sessions_mv" },
        { "view()", "SELECT DISTINCT project_id FROM view(SELECT project_id FROM tracking.account_users)" },
        { "table as parameter", "SELECT DISTINCT project_id FROM {db:Identifier}.{t:Identifier}" },
        { "another current database", "SELECT DISTINCT project_id FROM tracking.events" },
        { "unqualified in its database", "SELECT DISTINCT project_id FROM events" },
    };

    [Fact]
    public async Task Each_projects_sql_user_reads_exactly_its_own_events()
    {
        foreach (var (address, events) in new[] { (ProjectA, fixture.EventsA), (ProjectB, fixture.EventsB) })
        {
            var expected = events.Select(e => (string)e["messageId"]!).Distinct(StringComparer.Ordinal).Count();
            Assert.Equal(expected, await ClickHouseHttp.CountAsync(address, $"SELECT count() FROM tracking.events FINAL WHERE anonymous_id != '{LoadMarker.AnonymousId}'"));
            Assert.Equal(expected, await ClickHouseHttp.CountAsync(address, $"SELECT uniqExact(message_id) FROM tracking.message_ids WHERE message_id NOT LIKE 'marker-%'"));
        }
    }

    [Fact]
    public async Task Every_table_yields_only_its_projects_rows_and_one_without_a_project_reads_empty()
    {
        var analyst = fixture.Shared.ClickHouseAddress;
        var tables = await ClickHouseHttp.RowsAsync(analyst, "SELECT table, max(name = 'project_id') AS scoped FROM system.columns WHERE database = 'tracking' GROUP BY table ORDER BY table");
        Assert.Contains(tables, t => (string)t["table"]! == "loader_batches" && (int)t["scoped"]! == 0);
        foreach (var table in tables.Select(t => (Name: "tracking." + (string)t["table"]!, Scoped: (int)t["scoped"]! == 1)))
        {
            var all = await FinalCountAsync(analyst, $"SELECT count() FROM {table.Name}");
            foreach (var (address, id) in new[] { (ProjectA, "default"), (ProjectB, fixture.ProjectB.Id) })
            {
                var own = table.Scoped ? await FinalCountAsync(analyst, $"SELECT countIf(project_id = '{id}') FROM {table.Name}") : 0;
                Assert.True(own < all || all == 0, $"{table.Name}: the other project has no rows, so the table cannot tell the projects apart");
                Assert.Equal((table.Name, own), (table.Name, await FinalCountAsync(address, $"SELECT count() FROM {table.Name}")));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Constructs))]
    public async Task No_way_of_reading_a_table_reaches_another_projects_rows(string construct, string sql)
    {
        var query = sql.Replace("'B'", $"'{fixture.ProjectB.Id}'", StringComparison.Ordinal);
        var path = construct switch
        {
            "table as parameter" => "/?param_db=tracking&param_t=events",
            "another current database" => "/?database=system",
            "unqualified in its database" => "/?database=tracking",
            _ => "/",
        };
        if (construct == "IN table")
        {
            await CreateProjectIdTableAsync();
        }

        foreach (var (address, id) in new[] { (ProjectA, "default"), (ProjectB, fixture.ProjectB.Id) })
        {
            var (status, body) = await ClickHouseHttp.SendAsync(address, query, path);
            Assert.True(status == HttpStatusCode.OK, $"{construct}: {body}");
            Assert.Equal([id], body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public async Task An_expression_failing_on_another_projects_row_does_not_fail_nor_name_it()
    {
        // One insert, so one part and one granule hold both projects' rows: chDB's automatic PREWHERE would run
        // the condition on A's row before the filter, and the error would name its value.
        var owner = fixture.Shared.InternalClickHouseAddress;
        await ClickHouseHttp.QueryAsync(owner, "CREATE DATABASE IF NOT EXISTS prewhere_probe");
        await ClickHouseHttp.QueryAsync(owner, "CREATE OR REPLACE TABLE prewhere_probe.shared (project_id String, v String) ENGINE = MergeTree ORDER BY project_id");
        await ClickHouseHttp.QueryAsync(owner, $"INSERT INTO prewhere_probe.shared VALUES ('default', 'secret-of-a'), ('{fixture.ProjectB.Id}', '1')");

        var (status, body) = await ClickHouseHttp.SendAsync(ProjectB, "SELECT count() FROM prewhere_probe.shared WHERE toUInt8(v) = 1");

        Assert.DoesNotContain("secret-of-a", body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "1\n"), (status, body));
    }

    [Theory]
    [InlineData("SELECT count() FROM merge('tracking', '^events$')", "merge()")]
    [InlineData("SELECT count() FROM mergeTreeIndex('tracking', 'events')", "mergeTreeIndex()")]
    [InlineData("SELECT count() FROM tracking.events PREWHERE project_id != ''", "PREWHERE")]
    [InlineData("SELECT dictGet('tracking.d', 'x', 1)", "dictGet()")]
    [InlineData("SELECT count() FROM tracking.events WHERE throwIf(utm_source = 'x')", "throwIf()")]
    [InlineData("SELECT count() FROM tracking.events SETTINGS additional_table_filters = {'tracking.events': '1'}", "SETTINGS clause")]
    public async Task Constructs_that_read_around_the_filter_are_refused(string sql, string what)
    {
        var (status, body) = await ClickHouseHttp.SendAsync(ProjectB, sql);
        Assert.True(status == HttpStatusCode.Forbidden, $"{what} answered {(int)status}: {body}");
        Assert.Matches("ACCESS_DENIED|READONLY", body);
    }

    [Theory]
    [InlineData("additional_table_filters=%7B%27tracking.events%27%3A%271%27%7D")]
    [InlineData("readonly=0")]
    [InlineData("optimize_move_to_prewhere=1")]
    public async Task A_project_user_cannot_lift_its_filter_by_a_url_setting(string setting)
    {
        var (status, body) = await ClickHouseHttp.SendAsync(ProjectB, "SELECT DISTINCT project_id FROM tracking.events", "/?" + setting);
        Assert.True(status == HttpStatusCode.Forbidden, $"{setting} answered {(int)status}: {body}");
        Assert.Contains("READONLY", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_made_after_start_is_filtered_or_empty_from_its_first_query_on()
    {
        var owner = fixture.Shared.InternalClickHouseAddress;
        await ClickHouseHttp.QueryAsync(owner, "CREATE DATABASE IF NOT EXISTS added_later");
        await ClickHouseHttp.QueryAsync(owner, "CREATE OR REPLACE TABLE added_later.scoped (project_id String, n UInt8) ENGINE = MergeTree ORDER BY n");
        await ClickHouseHttp.QueryAsync(owner, "CREATE OR REPLACE TABLE added_later.unscoped (n UInt8) ENGINE = MergeTree ORDER BY n");
        await ClickHouseHttp.QueryAsync(owner, $"INSERT INTO added_later.scoped VALUES ('default', 1), ('default', 2), ('{fixture.ProjectB.Id}', 3)");
        await ClickHouseHttp.QueryAsync(owner, "INSERT INTO added_later.unscoped VALUES (1)");

        Assert.Equal(2, await ClickHouseHttp.CountAsync(ProjectA, "SELECT count() FROM added_later.scoped"));
        Assert.Equal(1, await ClickHouseHttp.CountAsync(ProjectB, "SELECT count() FROM added_later.scoped"));
        Assert.Equal(0, await ClickHouseHttp.CountAsync(ProjectB, "SELECT count() FROM added_later.unscoped"));
        Assert.Equal(1, await ClickHouseHttp.CountAsync(fixture.Shared.ClickHouseAddress, "SELECT count() FROM added_later.unscoped"));
        await ClickHouseHttp.QueryAsync(owner, "DROP DATABASE added_later");
    }

    [Fact]
    public async Task System_tables_holding_statements_read_as_empty_and_schema_metadata_stays()
    {
        Assert.Equal(0, await ClickHouseHttp.CountAsync(ProjectB, "SELECT count() FROM system.errors"));
        Assert.Equal(0, await ClickHouseHttp.CountAsync(ProjectB, "SELECT count() FROM system.mutations"));
        Assert.True(await ClickHouseHttp.CountAsync(ProjectB, "SELECT count() FROM system.tables WHERE database = 'tracking'") > 0);
    }

    [Fact]
    public async Task Only_a_projects_own_read_key_opens_its_sql_user()
    {
        var b = fixture.ProjectB;
        foreach (var (user, password) in new[] { (b.Id, b.WriteKey), (b.Id, fixture.Shared.ReadKey), ("default", b.ReadKey), ("analyst", b.ReadKey) })
        {
            var (status, body) = await ClickHouseHttp.SendAsync(fixture.Shared.ProjectClickHouseAddress(user, password), "SELECT 1");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains($"{user}: Authentication failed", body, StringComparison.Ordinal);
            Assert.Contains("AUTHENTICATION_FAILED", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_analyst_still_sees_every_project()
    {
        var ids = (await ClickHouseHttp.QueryAsync(fixture.Shared.ClickHouseAddress, "SELECT DISTINCT project_id FROM tracking.events ORDER BY project_id"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "default", fixture.ProjectB.Id }.Order(StringComparer.Ordinal), ids);
    }

    private Uri ProjectA => fixture.Shared.ProjectClickHouseAddress("default", fixture.Shared.ReadKey);

    private Uri ProjectB => fixture.Shared.ProjectClickHouseAddress(fixture.ProjectB.Id, fixture.ProjectB.ReadKey);

    /// <summary>With final=1: rows still to be merged would otherwise count differently from one read to the next.</summary>
    private static async Task<long> FinalCountAsync(Uri address, string sql)
    {
        var (status, body) = await ClickHouseHttp.SendAsync(address, sql, "/?final=1");
        Assert.True(status == HttpStatusCode.OK, $"{sql}: {body}");
        return long.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A one-column table of every project id with a row, for the <c>x IN table</c> form.</summary>
    private async Task CreateProjectIdTableAsync()
    {
        var owner = fixture.Shared.InternalClickHouseAddress;
        await ClickHouseHttp.QueryAsync(owner, "CREATE DATABASE IF NOT EXISTS in_table_probe");
        await ClickHouseHttp.QueryAsync(owner, "CREATE OR REPLACE TABLE in_table_probe.project_ids (project_id String) ENGINE = MergeTree ORDER BY project_id");
        await ClickHouseHttp.QueryAsync(owner, $"INSERT INTO in_table_probe.project_ids VALUES ('default'), ('{fixture.ProjectB.Id}')");
    }
}
