using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.ClickHouse.Migrations;
using Tracking.Events.Schema;

namespace Tracking.Deploy.Tests;

/// <summary>
/// deploy/clickhouse/cluster.sql must be the application's schema in cluster form. ClickHouse itself
/// compares them: both are applied to one embedded engine (see <see cref="SchemaFixture"/>) and their
/// tables and columns read back from system.tables and system.columns.
/// </summary>
[Collection(SchemaCollection.Name)]
public sealed class ClusterSqlTests(SchemaFixture schema)
{
    private const string Cluster = "tracking";

    [Fact]
    public async Task Every_table_of_the_migrations_has_a_cluster_twin_with_the_same_columns()
    {
        var tables = await AppTablesAsync();
        Assert.Contains("events", tables);
        foreach (var table in tables)
        {
            var twin = await ClusterTwinAsync(table);
            Assert.Equal(await ColumnsAsync(SchemaFixture.App, table), await ColumnsAsync(Cluster, twin));
        }
    }

    [Fact]
    public async Task The_distributed_tables_have_the_columns_of_the_tables_they_stand_for()
    {
        Assert.Equal(["tracking.account_usage", "tracking.events", "tracking.session_flows", "tracking.sessions"], ClusterSql.DistributedTables.Order());
        foreach (var table in ClusterSql.DistributedTables.Select(t => t["tracking.".Length..]))
        {
            Assert.Equal(await ColumnsAsync(SchemaFixture.App, table), await ColumnsAsync(Cluster, table));
        }
    }

    [Fact]
    public async Task The_events_table_has_exactly_the_columns_of_the_event_schema()
    {
        var stored = (await ColumnsAsync(SchemaFixture.App, "events")).Where(c => c.DefaultKind != "ALIAS").ToList();
        var expected = EventSchema.Columns.Select(c => new Column(c.Name, c.Type, string.Empty, string.Empty, c.Codec.Length == 0 ? string.Empty : $"CODEC({c.Codec})")).ToList();
        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task Cluster_tables_have_the_same_keys_partitions_ttl_and_engine()
    {
        foreach (var table in await AppTablesAsync())
        {
            var twin = await ClusterTwinAsync(table);
            Assert.Equal(await EngineAsync(SchemaFixture.App, table), await EngineAsync(Cluster, twin));
        }
    }

    [Fact]
    public async Task Cluster_tables_use_the_replicated_form_of_the_engine()
    {
        foreach (var table in await AppTablesAsync())
        {
            var twin = await ClusterTwinAsync(table);
            var engine = (await EngineAsync(SchemaFixture.App, table)).Name;
            var created = await schema.FormatAsync(ClusterSql.Statement($"CREATE TABLE IF NOT EXISTS {Cluster}.{twin} "));

            // Replicated engines take (Keeper path, replica name) before the engine's own arguments.
            Assert.Contains($"ENGINE = Replicated{engine}(", created, StringComparison.Ordinal);
            Assert.Contains("'{replica}'", created, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Events_is_distributed_over_events_local_sharded_by_visitor()
    {
        // The same expression as the visitor_id column: duplicates of a message and a visitor's whole
        // history land on one shard, where ReplacingMergeTree and session splitting can see them.
        var visitor = (await ColumnsAsync(SchemaFixture.App, "events")).Single(c => c.Name == "visitor_id").Expression;
        await AssertDistributedAsync("events", $"cityHash64({visitor})");
    }

    [Fact]
    public async Task Sessions_is_distributed_over_sessions_local_sharded_like_events() =>
        await AssertDistributedAsync("sessions", "cityHash64(visitor)");

    [Fact]
    public async Task Session_flows_is_distributed_over_session_flows_local_sharded_like_events() =>
        await AssertDistributedAsync("session_flows", "cityHash64(visitor)");

    [Fact]
    public async Task Every_statement_runs_on_the_whole_cluster()
    {
        var ddl = ClusterSql.Statements.Where(s => s.StartsWith("CREATE", StringComparison.Ordinal) || s.StartsWith("ALTER", StringComparison.Ordinal)).ToList();

        // A split that found no statement (or only some) would check nothing: every line that starts one counts.
        var lines = DeployFiles.Read("clickhouse/cluster.sql").Split('\n').Count(l => l.StartsWith("CREATE ", StringComparison.Ordinal) || l.StartsWith("ALTER ", StringComparison.Ordinal));
        Assert.True(lines > 0, "deploy/clickhouse/cluster.sql has no CREATE or ALTER statement");
        Assert.Equal(lines, ddl.Count);
        foreach (var statement in ddl)
        {
            Assert.Contains("ON CLUSTER `{cluster}`", await schema.FormatAsync(statement), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task It_records_exactly_the_migrations_it_applies()
    {
        const string Recorded = "SELECT version, name FROM {0}.schema_migrations FINAL ORDER BY version";
        var app = await schema.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Recorded, SchemaFixture.App));
        var cluster = await schema.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Recorded, Cluster));
        Assert.Equal(Schema.Migrations.Count, app.Count);
        Assert.True(
            app.Select(r => r[1].GetString()).SequenceEqual(cluster.Select(r => r[1].GetString())),
            "add the new migration to deploy/clickhouse/cluster.sql in cluster form (ON CLUSTER, Replicated engine) and record it there");
    }

    [Theory]
    [InlineData("sessions")]
    [InlineData("session_flows")]
    public async Task The_session_rollup_views_read_and_write_the_local_tables_with_the_applications_query(string table)
    {
        // On every server, the view turns the events stored there into that server's session rows.
        var app = await CreateQueryAsync(SchemaFixture.App, $"{table}_mv");
        var cluster = await CreateQueryAsync(Cluster, $"{table}_mv");
        var expected = app.Replace($"{SchemaFixture.App}.{table}_mv", $"{Cluster}.{table}_mv", StringComparison.Ordinal)
            .Replace($"{SchemaFixture.App}.{table}", $"{Cluster}.{table}_local", StringComparison.Ordinal)
            .Replace($"{SchemaFixture.App}.events", $"{Cluster}.events_local", StringComparison.Ordinal);
        Assert.Equal(expected, cluster);
    }

    [Fact]
    public async Task The_session_flow_rollup_is_backfilled_through_the_distributed_table() =>
        Assert.Equal(
            await schema.FormatAsync($"INSERT INTO {Cluster}.session_flows {SessionFlowRollup.OfEvents.Replace("{db}.", $"{Cluster}.", StringComparison.Ordinal)}"),
            await schema.FormatAsync(ClusterSql.Statement($"INSERT INTO {Cluster}.session_flows")));

    [Fact]
    public async Task The_session_rollup_is_backfilled_through_the_distributed_tables()
    {
        // Migration 4's backfill, then migration 8's (which adds the first page view's source), in that order.
        // Both name their columns: re-running the file runs migration 4's after migration 8 added one.
        const string Migration4Columns = "project_id, session_id, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted";
        var expected = new List<string>();
        foreach (var (columns, query) in new[] { (Migration4Columns, SessionRollup.OfEvents), (SessionSourceRollup.Columns, SessionSourceRollup.OfEvents) })
        {
            expected.Add(await schema.FormatAsync($"INSERT INTO {Cluster}.sessions ({columns}) {query.Replace("{db}.", $"{Cluster}.", StringComparison.Ordinal)}"));
        }

        var backfills = new List<string>();
        foreach (var statement in ClusterSql.Statements.Where(s => s.StartsWith($"INSERT INTO {Cluster}.sessions ", StringComparison.Ordinal)))
        {
            backfills.Add(await schema.FormatAsync(statement));
        }

        Assert.Equal(expected, backfills);
    }

    [Fact]
    public async Task Running_the_file_again_on_an_upgraded_schema_changes_nothing()
    {
        // An operator applies a new version's migrations by running the whole (idempotent) file again.
        var before = await schema.RowsAsync($"SELECT name, type FROM system.columns WHERE database = '{Cluster}' ORDER BY table, position");
        foreach (var statement in ClusterSql.Statements)
        {
            // A single server cannot insert through a Distributed table: here the backfills write the local tables.
            await schema.ExecuteAsync(ClusterSql.StandIn(statement) ?? ClusterSql.DistributedTables.Aggregate(
                statement,
                (sql, table) => Regex.Replace(sql, Regex.Escape(table) + @"\b", table + "_local")));
        }

        var after = await schema.RowsAsync($"SELECT name, type FROM system.columns WHERE database = '{Cluster}' ORDER BY table, position");
        Assert.Equal(before.Select(r => $"{r[0]} {r[1]}"), after.Select(r => $"{r[0]} {r[1]}"));
    }

    private async Task AssertDistributedAsync(string table, string shardingKey)
    {
        var expected = $"CREATE TABLE IF NOT EXISTS {Cluster}.{table} ON CLUSTER '{{cluster}}' AS {Cluster}.{table}_local "
            + $"ENGINE = Distributed('{{cluster}}', {Cluster}, {table}_local, {shardingKey})";
        Assert.Equal(
            await schema.FormatAsync(expected),
            await schema.FormatAsync(ClusterSql.Statement($"CREATE TABLE IF NOT EXISTS {Cluster}.{table} ON CLUSTER")));
    }

    /// <summary>The tables (not views) the migrations create.</summary>
    private async Task<List<string>> AppTablesAsync() =>
        (await schema.RowsAsync($"SELECT name FROM system.tables WHERE database = '{SchemaFixture.App}' AND engine NOT LIKE '%View' ORDER BY name"))
            .Select(r => r[0].GetString()!)
            .ToList();

    /// <summary>Sharded tables keep their rows in <c>NAME_local</c> on the cluster; the others keep their name.</summary>
    private async Task<string> ClusterTwinAsync(string table)
    {
        var names = (await schema.RowsAsync($"SELECT name FROM system.tables WHERE database = '{Cluster}'")).Select(r => r[0].GetString()).ToHashSet();
        var twin = names.Contains(table + "_local") ? table + "_local" : table;
        Assert.True(names.Contains(twin), $"deploy/clickhouse/cluster.sql does not create {Cluster}.{table} (the migrations create {table})");
        return twin;
    }

    private async Task<List<Column>> ColumnsAsync(string database, string table) =>
        (await schema.RowsAsync(
            $"SELECT name, type, default_kind, default_expression, compression_codec FROM system.columns WHERE database = '{database}' AND table = '{table}' ORDER BY position"))
            .Select(r => new Column(r[0].GetString()!, r[1].GetString()!, r[2].GetString()!, r[3].GetString()!, r[4].GetString()!))
            .ToList();

    /// <summary>The engine, keys and TTL of a table; engine_full up to its SETTINGS, which differ by engine family.</summary>
    private async Task<Engine> EngineAsync(string database, string table)
    {
        var row = (await schema.RowsAsync(
            $"SELECT engine, sorting_key, partition_key, primary_key, engine_full FROM system.tables WHERE database = '{database}' AND name = '{table}'")).Single();
        var full = row[4].GetString()!;
        var settings = full.IndexOf(" SETTINGS ", StringComparison.Ordinal);
        return new Engine(row[0].GetString()!, row[1].GetString()!, row[2].GetString()!, row[3].GetString()!, settings < 0 ? full : full[..settings]);
    }

    private async Task<string> CreateQueryAsync(string database, string table) =>
        (await schema.RowsAsync($"SELECT create_table_query FROM system.tables WHERE database = '{database}' AND name = '{table}'")).Single()[0].GetString()!;

    private sealed record Column(string Name, string Type, string DefaultKind, string Expression, string Codec);

    private sealed record Engine(string Name, string SortingKey, string PartitionKey, string PrimaryKey, string Definition);
}
