using Microsoft.Extensions.Logging;

namespace Tracking.ClickHouse.Migrations;

/// <summary>Brings the database to the newest schema at start; safe to run from several processes at once.</summary>
public sealed partial class SchemaMigrator(ClickHouseStore store, ILogger<SchemaMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {store.Database}", cancellationToken);
        await ExecuteAsync(
            $"""
            CREATE TABLE IF NOT EXISTS {store.Table("schema_migrations")}
            (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY version
            """,
            cancellationToken);

        var applied = new HashSet<uint>();
        using (var reader = await store.Client.ExecuteReaderAsync($"SELECT version FROM {store.Table("schema_migrations")} FINAL", null, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToUInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (var migration in Schema.Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(statement.Replace("{db}", store.Database, StringComparison.Ordinal), cancellationToken);
            }

            await ExecuteAsync(
                $"INSERT INTO {store.Table("schema_migrations")} (version, name) VALUES ({migration.Version}, '{migration.Name.Replace("'", "\\'", StringComparison.Ordinal)}')",
                cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
        }
    }

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        store.Client.ExecuteNonQueryAsync(sql, null, null, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version}: {Name}")]
    private static partial void LogApplied(ILogger logger, uint version, string name);
}
