using Microsoft.Extensions.Options;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Migrations;
using Tracking.Reports.AccountDetail;
using Tracking.Reports.Accounts;
using Tracking.Reports.Features;
using Tracking.Reports.Shared;

namespace Tracking.Deploy.Tests;

/// <summary>
/// Migrations 9 and 11 in deploy/clickhouse/cluster.sql: the account and usage rollups' views and backfills are the
/// application's, over the local events table, and the account reports' SQL runs unchanged on the cluster schema.
/// </summary>
[Collection(SchemaCollection.Name)]
public sealed class AccountRollupClusterTests(SchemaFixture schema)
{
    private const string Cluster = "tracking";

    [Theory]
    [InlineData("accounts_mv")]
    [InlineData("account_users_mv")]
    public async Task The_account_rollup_views_read_the_local_events_with_the_applications_query(string view)
    {
        // Unsharded targets: the view writes the replicated table itself, which every server holds whole.
        var app = await CreateQueryAsync(SchemaFixture.App, view);
        var expected = app.Replace($"{SchemaFixture.App}.", $"{Cluster}.", StringComparison.Ordinal)
            .Replace($"{Cluster}.events ", $"{Cluster}.events_local ", StringComparison.Ordinal);
        Assert.Equal(expected, await CreateQueryAsync(Cluster, view));
    }

    [Theory]
    [InlineData("accounts", AccountRollup.AccountsOfEvents)]
    [InlineData("account_users", AccountRollup.UsersOfEvents)]
    public async Task The_account_rollup_is_backfilled_from_the_distributed_events(string table, string query)
    {
        var expected = $"INSERT INTO {Cluster}.{table} {query.Replace("{db}.", $"{Cluster}.", StringComparison.Ordinal)}";
        Assert.Equal(await schema.FormatAsync(expected), await schema.FormatAsync(ClusterSql.Statement($"INSERT INTO {Cluster}.{table}\n")));
    }

    [Fact]
    public async Task The_usage_rollup_view_writes_the_local_shard_with_the_applications_query()
    {
        // Sharded like events: the view turns the events stored on a server into that server's rows.
        var app = await CreateQueryAsync(SchemaFixture.App, "account_usage_mv");
        var expected = app.Replace($"{SchemaFixture.App}.", $"{Cluster}.", StringComparison.Ordinal)
            .Replace($"{Cluster}.account_usage ", $"{Cluster}.account_usage_local ", StringComparison.Ordinal)
            .Replace($"{Cluster}.events ", $"{Cluster}.events_local ", StringComparison.Ordinal);
        Assert.Equal(expected, await CreateQueryAsync(Cluster, "account_usage_mv"));
    }

    [Fact]
    public async Task The_usage_rollup_is_emptied_then_backfilled_through_the_distributed_tables()
    {
        var expected = $"INSERT INTO {Cluster}.account_usage {AccountUsageRollup.OfStoredEvents.Replace("{db}.", $"{Cluster}.", StringComparison.Ordinal)}";
        Assert.Equal(await schema.FormatAsync(expected), await schema.FormatAsync(ClusterSql.Statement($"INSERT INTO {Cluster}.account_usage\n")));
        var statements = ClusterSql.Statements.ToList();
        Assert.True(
            statements.FindIndex(s => s.StartsWith($"TRUNCATE TABLE IF EXISTS {Cluster}.account_usage_local", StringComparison.Ordinal))
                is var truncate and >= 0 && truncate < statements.FindIndex(s => s.StartsWith($"INSERT INTO {Cluster}.account_usage\n", StringComparison.Ordinal)),
            "account_usage_local is emptied before its backfill");
    }

    [Fact]
    public async Task The_account_reports_run_on_the_cluster_schema()
    {
        using var store = new ClickHouseStore(schema.ConnectionString, Cluster);
        var options = Options.Create(new ReportOptions { Features = new() { ["export_v2"] = "report_exported" } });
        var to = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var range = new ReportRange(to.AddDays(-7), to);

        var accounts = await new AccountsReport(store, options).RunAsync("p", new AccountsQuery(to, null, null, AccountsSort.Risk, 10), CancellationToken.None);
        var features = await new FeaturesReport(store, options).RunAsync("p", new FeaturesQuery(range, "big", "accounts", 10), CancellationToken.None);
        // Its queries ran: an account nobody named is unknown.
        await Assert.ThrowsAsync<ReportNotFoundException>(() => new AccountDetailReport(store, options).RunAsync("p", new AccountDetailQuery("acct", range), CancellationToken.None));

        Assert.Equal(0, accounts.Total);
        Assert.Equal(0, features.Total);
    }

    private async Task<string> CreateQueryAsync(string database, string table) =>
        (await schema.RowsAsync($"SELECT create_table_query FROM system.tables WHERE database = '{database}' AND name = '{table}'")).Single()[0].GetString()!;
}
