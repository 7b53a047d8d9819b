using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Logging;

namespace Tracking.ClickHouse.Retention;

/// <summary>
/// The projects' retention bounds (retention_settings of migration 10) and their enforcement as TTL rules
/// on the tables (<see cref="RetentionRules"/>). A project without its own row follows the configured default.
/// </summary>
public sealed partial class RetentionSettings(ClickHouseStore store, ILogger<RetentionSettings> logger)
{
    /// <summary>
    /// The row that records the default the rules were last built with (not a project id: those match
    /// ^[a-z0-9_-]+$), so a start with the same configuration leaves the tables alone: changing a TTL rewrites them.
    /// </summary>
    private const string AppliedDefault = "*";

    private readonly string _table = store.Table("retention_settings");

    /// <summary>The project's own bound: (true, days or null for forever), or (false, null) when it follows the default.</summary>
    public async Task<(bool Own, int? Days)> GetAsync(string project, CancellationToken cancellationToken)
    {
        var all = await ReadAsync(cancellationToken);
        return all.TryGetValue(project, out var days) ? (true, days) : (false, null);
    }

    /// <summary>Stores the project's own bound (null: forever) and rebuilds the rules.</summary>
    public async Task SetAsync(string project, int? days, int? defaultDays, CancellationToken cancellationToken)
    {
        await WriteAsync(project, days, cancellationToken);
        await ApplyAsync(defaultDays, cancellationToken);
    }

    /// <summary>At start: rebuilds the rules when the configured default differs from the one they were built with.</summary>
    public async Task ApplyIfDefaultChangedAsync(int? defaultDays, CancellationToken cancellationToken)
    {
        var all = await ReadAsync(cancellationToken);
        var applied = all.TryGetValue(AppliedDefault, out var days) ? days : null;
        if (applied != defaultDays)
        {
            await ApplyAsync(defaultDays, cancellationToken);
        }
    }

    private async Task ApplyAsync(int? defaultDays, CancellationToken cancellationToken)
    {
        var own = await ReadAsync(cancellationToken);
        own.Remove(AppliedDefault);
        foreach (var (table, rowTime) in RetentionRules.ProjectTables)
        {
            await ModifyTtlAsync(table, RetentionRules.Ttl(rowTime, own, defaultDays), cancellationToken);
        }

        await ModifyTtlAsync("dead_letters", RetentionRules.DeadLettersTtl(own, defaultDays), cancellationToken);
        await WriteAsync(AppliedDefault, defaultDays, cancellationToken);
        LogApplied(logger, own.Count(p => p.Value is not null), defaultDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "forever");
    }

    private async Task ModifyTtlAsync(string table, string? ttl, CancellationToken cancellationToken)
    {
        if (ttl is not null)
        {
            await store.Client.ExecuteNonQueryAsync($"ALTER TABLE {store.Table(table)} MODIFY TTL {ttl}", null, null, cancellationToken);
        }
        else if (await HasTtlAsync(table, cancellationToken))
        {
            await store.Client.ExecuteNonQueryAsync($"ALTER TABLE {store.Table(table)} REMOVE TTL", null, null, cancellationToken);
        }
    }

    private async Task<bool> HasTtlAsync(string table, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "database", Value = store.Database },
            new ClickHouseDbParameter { ParameterName = "table", Value = table },
        };
        var found = await store.Client.ExecuteScalarAsync(
            "SELECT count() FROM system.tables WHERE database = {database:String} AND name = {table:String} AND position(engine_full, ' TTL ') > 0",
            parameters,
            null,
            cancellationToken);
        return Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task<Dictionary<string, int?>> ReadAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, int?>(StringComparer.Ordinal);
        using var reader = await store.Client.ExecuteReaderAsync($"SELECT project_id, days FROM {_table} FINAL", null, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            all[reader.GetString(0)] = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return all;
    }

    private Task<int> WriteAsync(string project, int? days, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "project", Value = project },
            new ClickHouseDbParameter { ParameterName = "days", Value = days is { } d ? (object)(uint)d : DBNull.Value },
        };
        return store.Client.ExecuteNonQueryAsync(
            $"INSERT INTO {_table} (project_id, days) VALUES ({{project:String}}, {{days:Nullable(UInt32)}})",
            parameters,
            null,
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention rules applied: {Projects} projects with their own bound, default {Default}")]
    private static partial void LogApplied(ILogger logger, int projects, string @default);
}
