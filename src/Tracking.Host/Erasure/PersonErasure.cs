using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Migrations;
using Tracking.Reports.Shared;

namespace Tracking.Host.Erasure;

/// <summary>
/// Finds a person's ids and removes the person's rows from every table that holds them. Each step is safe
/// to run again: a request a restart interrupted runs whole the next time.
/// </summary>
public sealed class PersonErasure(ClickHouseStore store)
{
    /// <summary>Mutations finish before the statement answers, so the counts and the rebuilds see their result.</summary>
    private static readonly QueryOptions Synchronous = new() { CustomSettings = new Dictionary<string, object> { ["mutations_sync"] = 2 } };

    /// <summary>
    /// The person of <paramref name="subject"/> as the stitched visitor (VisitorsSql, docs/definitions.md):
    /// a userId and every anonymousId linked to it; an anonymousId linked to a userId is that user's person,
    /// one linked to none is a person alone.
    /// </summary>
    public async Task<List<string>> StitchedIdsAsync(string project, string subjectKind, string subject, CancellationToken cancellationToken)
    {
        var user = subjectKind == "userId"
            ? subject
            : await ScalarTextAsync($"SELECT any(linked_user_id) FROM ({VisitorsSql.Links(store.Database)}) WHERE linked_anonymous_id = {{subject:String}}", project, subject, cancellationToken);
        if (user is not { Length: > 0 })
        {
            return [subject];
        }

        var linked = await ScalarTextAsync(
            $"SELECT toJSONString(arraySort(groupArray(linked_anonymous_id))) FROM ({VisitorsSql.Links(store.Database)}) WHERE linked_user_id = {{subject:String}}",
            project,
            user,
            cancellationToken);
        var anonymous = System.Text.Json.JsonSerializer.Deserialize(linked ?? "[]", ErasureJsonContext.Default.StringArray) ?? [];
        return [user, .. anonymous.Where(id => id != user)];
    }

    /// <summary>
    /// Removes the rows of the person with <paramref name="ids"/> and returns the rows removed per table:
    /// their events (as userId, anonymousId or an alias's previousId), the rollup rows of their sessions (sessions,
    /// session_flows), their usage rollup rows (account_usage),
    /// their account memberships, the dead letters whose record holds one of the ids, and the accounts their
    /// group calls made, rebuilt from the group calls that remain (an account only they called is gone).
    /// </summary>
    public async Task<Dictionary<string, long>> RemoveAsync(string project, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection { QueryParameter.Of("project", project), QueryParameter.Of("ids", ids.ToArray()) };
        const string inProject = "project_id = {project:String}";
        const string theirEvents = $"{inProject} AND (has({{ids:Array(String)}}, user_id) OR has({{ids:Array(String)}}, anonymous_id) OR has({{ids:Array(String)}}, previous_id))";
        var sessions = await ListAsync($"SELECT DISTINCT session_id FROM {store.Table("events")} WHERE {theirEvents} AND session_id != ''", parameters, cancellationToken);
        var accounts = await ListAsync($"SELECT DISTINCT group_id FROM {store.Table("events")} WHERE {theirEvents} AND type = 'group' AND group_id != ''", parameters, cancellationToken);
        parameters.Add(QueryParameter.Of("sessions", sessions.ToArray()));
        parameters.Add(QueryParameter.Of("accounts", accounts.ToArray()));
        const string theirSessions = $"{inProject} AND (has({{sessions:Array(String)}}, session_id) OR has({{ids:Array(String)}}, visitor))";
        const string theirAccounts = $"{inProject} AND has({{accounts:Array(String)}}, account)";

        var removed = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["events"] = await DeleteAsync("events", theirEvents, parameters, cancellationToken),
            ["sessions"] = await DeleteAsync("sessions", theirSessions, parameters, cancellationToken),
            ["session_flows"] = await DeleteAsync("session_flows", theirSessions, parameters, cancellationToken),
            ["account_usage"] = await DeleteAsync("account_usage", $"{inProject} AND has({{ids:Array(String)}}, user)", parameters, cancellationToken),
            ["account_users"] = await DeleteAsync("account_users", $"{inProject} AND has({{ids:Array(String)}}, user_id)", parameters, cancellationToken),
            ["dead_letters"] = await DeleteAsync("dead_letters", "multiSearchAny(record, {ids:Array(String)})", parameters, cancellationToken),
            ["accounts"] = await DeleteAsync("accounts", theirAccounts, parameters, cancellationToken),
        };
        if (accounts.Count > 0)
        {
            await store.Client.ExecuteNonQueryAsync(
                $"INSERT INTO {store.Table("accounts")} SELECT * FROM ({AccountRollup.AccountsOfEvents.Replace("{db}", store.Database, StringComparison.Ordinal)}) WHERE {theirAccounts}",
                parameters,
                null,
                cancellationToken);
        }

        return removed;
    }

    /// <summary>Counts, then deletes with a mutation that rewrites the parts (the rows are gone from disk, not only hidden).</summary>
    private async Task<long> DeleteAsync(string table, string where, ClickHouseParameterCollection parameters, CancellationToken cancellationToken)
    {
        var count = Convert.ToInt64(await store.Client.ExecuteScalarAsync($"SELECT count() FROM {store.Table(table)} WHERE {where}", parameters, null, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (count > 0)
        {
            await store.Client.ExecuteNonQueryAsync($"ALTER TABLE {store.Table(table)} DELETE WHERE {where}", parameters, Synchronous, cancellationToken);
        }

        return count;
    }

    private async Task<List<string>> ListAsync(string sql, ClickHouseParameterCollection parameters, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        using var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<string?> ScalarTextAsync(string sql, string project, string subject, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection { QueryParameter.Of("project", project), QueryParameter.Of("subject", subject) };
        return await store.Client.ExecuteScalarAsync(sql, parameters, null, cancellationToken) as string;
    }
}
