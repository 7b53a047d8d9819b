using System.Text.RegularExpressions;
using Tracking.ClickHouse.Migrations;

namespace Tracking.Deploy.Tests;

/// <summary>deploy/clickhouse/cluster.sql must be the application's schema (Schema.cs) in cluster form.</summary>
public sealed partial class ClusterSqlTests
{
    private static readonly string ClusterSql = DeployFiles.Read("clickhouse/cluster.sql");
    private static readonly Dictionary<string, SqlTable> Cluster = SqlTable.ParseAll(ClusterSql);

    /// <summary>Every table the migrations create, with the table that stands for it on the cluster.</summary>
    public static TheoryData<uint, string> MigrationTables
    {
        get
        {
            var data = new TheoryData<uint, string>();
            foreach (var migration in Schema.Migrations)
            {
                foreach (var table in migration.Statements.SelectMany(s => SqlTable.ParseAll(s).Keys))
                {
                    data.Add(migration.Version, table);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MigrationTables))]
    public void Every_table_has_a_cluster_twin_with_the_same_columns_and_keys(uint migration, string table)
    {
        var app = MigrationTable(migration, table);
        var cluster = ClusterTable(table);
        Assert.Equal(app.Columns, cluster.Columns);
        Assert.Equal(app.OrderBy, cluster.OrderBy);
        Assert.Equal(app.PartitionBy, cluster.PartitionBy);
        Assert.Equal(app.Ttl, cluster.Ttl);
    }

    [Theory]
    [MemberData(nameof(MigrationTables))]
    public void Cluster_tables_use_the_replicated_form_of_the_same_engine(uint migration, string table)
    {
        var app = MigrationTable(migration, table);
        var cluster = ClusterTable(table);
        Assert.Equal("Replicated" + app.Engine, cluster.Engine);

        // Replicated engines take (Keeper path, replica name) before the engine's own arguments (the
        // version column of a Replacing engine).
        Assert.Equal(app.EngineArguments, cluster.EngineArguments.Skip(2));
        Assert.Equal("'{replica}'", cluster.EngineArguments[1]);
    }

    [Fact]
    public void Events_is_a_distributed_table_over_events_local_sharded_by_visitor()
    {
        var events = Cluster["tracking.events"];
        Assert.Equal("tracking.events_local", events.AsTable);
        Assert.Equal("Distributed", events.Engine);
        Assert.Equal(["'{cluster}'", "tracking", "events_local"], events.EngineArguments.Take(3));

        // The same expression as the visitor_id column: duplicates of a message and a visitor's whole
        // history land on one shard, where ReplacingMergeTree and session splitting can see them.
        var visitor = MigrationTable(1u, "{db}.events").Columns.Single(c => c.Name == "visitor_id").Definition;
        var visitorExpression = visitor[(visitor.IndexOf("ALIAS ", StringComparison.Ordinal) + "ALIAS ".Length)..];
        Assert.Equal($"cityHash64({visitorExpression})", events.EngineArguments[3]);
    }

    [Fact]
    public void Every_statement_runs_on_the_whole_cluster()
    {
        var creates = CreateStatement().Matches(ClusterSql).Select(m => m.Value).ToList();

        // A pattern that found no statement (or only some) would check nothing: it must find every line that starts one.
        var statements = ClusterSql.Split('\n').Count(line => line.StartsWith("CREATE ", StringComparison.Ordinal));
        Assert.True(statements > 0, "deploy/clickhouse/cluster.sql has no CREATE statement");
        Assert.Equal(statements, creates.Count);
        Assert.All(creates, create => Assert.Contains("ON CLUSTER '{cluster}'", create, StringComparison.Ordinal));
    }

    [Fact]
    public void It_records_exactly_the_migrations_it_applies()
    {
        var insert = ClusterSql[ClusterSql.IndexOf("INSERT INTO tracking.schema_migrations", StringComparison.Ordinal)..];
        var recorded = RecordedMigration().Matches(insert)
            .Select(m => (uint.Parse(m.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["name"].Value))
            .ToList();
        var expected = Schema.Migrations.Select(m => (m.Version, m.Name)).ToList();
        Assert.True(
            expected.SequenceEqual(recorded),
            "cluster.sql records migrations " + string.Join(", ", recorded) + " but Schema.cs has " + string.Join(", ", expected)
            + ": add the new migration to deploy/clickhouse/cluster.sql in cluster form (ON CLUSTER, Replicated engine).");
    }

    [Fact]
    public void The_session_rollup_view_reads_and_writes_the_local_tables_with_the_applications_query()
    {
        // On every server, the view turns the events stored there into that server's session rows.
        var view = Statement("CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.sessions_mv");
        var query = SessionRollup.OfEvents.Replace("{db}.events", "tracking.events_local", StringComparison.Ordinal);
        Assert.Equal(
            SqlTable.Normalize($"CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.sessions_mv ON CLUSTER '{{cluster}}' TO tracking.sessions_local AS {query}"),
            SqlTable.Normalize(view));
    }

    [Fact]
    public void The_session_rollup_is_backfilled_through_the_distributed_tables()
    {
        var backfill = Statement("INSERT INTO tracking.sessions\n");
        var query = SessionRollup.OfEvents.Replace("{db}.", "tracking.", StringComparison.Ordinal);
        Assert.Equal(SqlTable.Normalize($"INSERT INTO tracking.sessions {query}"), SqlTable.Normalize(backfill));
    }

    [Fact]
    public void Sessions_is_a_distributed_table_over_sessions_local_sharded_like_events()
    {
        var sessions = Cluster["tracking.sessions"];
        Assert.Equal("tracking.sessions_local", sessions.AsTable);
        Assert.Equal("Distributed", sessions.Engine);
        Assert.Equal(["'{cluster}'", "tracking", "sessions_local", "cityHash64(visitor)"], sessions.EngineArguments);
    }

    /// <summary>The statement of cluster.sql that starts with <paramref name="start"/>, comments removed, without its ';'.</summary>
    private static string Statement(string start)
    {
        var text = string.Join('\n', ClusterSql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        var at = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"deploy/clickhouse/cluster.sql has no statement starting with {start}");
        return text[at..text.IndexOf(';', at)];
    }

    /// <summary>{db}.events is sharded: its rows live in tracking.events_local. Others keep their name.</summary>
    private static SqlTable ClusterTable(string appTable)
    {
        var name = appTable.Replace("{db}.", "tracking.", StringComparison.Ordinal);
        var table = Cluster.GetValueOrDefault(name + "_local") ?? Cluster.GetValueOrDefault(name);
        Assert.True(table is not null, $"deploy/clickhouse/cluster.sql does not create {name} (Schema.cs creates {appTable})");
        return table;
    }

    private static SqlTable MigrationTable(uint version, string table)
    {
        var migration = Schema.Migrations.Single(m => m.Version == version);
        return migration.Statements.SelectMany(s => SqlTable.ParseAll(s).Values).Single(t => t.Name == table);
    }

    [GeneratedRegex(@"CREATE\s+(TABLE|DATABASE|MATERIALIZED\s+VIEW)[^\n(]*", RegexOptions.IgnoreCase)]
    private static partial Regex CreateStatement();

    [GeneratedRegex(@"\((?<version>\d+),\s*'(?<name>[^']*)'\)")]
    private static partial Regex RecordedMigration();
}
