using System.Text.Json;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;

namespace Tracking.Host.Erasure;

/// <summary>The erasure requests as erasure_requests (migration 10) keeps them: each state a row, the latest holding.</summary>
public sealed class ErasureRequests(ClickHouseStore store)
{
    private readonly string _table = store.Table("erasure_requests");

    public Task SaveAsync(ErasureRequest request, CancellationToken cancellationToken) =>
        store.Client.ExecuteNonQueryAsync(
            $$"""
            INSERT INTO {{_table}} (project_id, id, subject_kind, subject, status, requested_at, requested_by, erased_ids, rows_removed, finished_at, error, updated_at)
            SELECT {project:String}, {id:String}, {subject_kind:String}, {subject:String}, {status:String},
                fromUnixTimestamp64Milli({requested_at:Int64}, 'UTC'), {requested_by:String}, {erased_ids:Array(String)},
                mapFromArrays({removed_from:Array(String)}, {removed_rows:Array(UInt64)}),
                fromUnixTimestamp64Milli({finished_at:Nullable(Int64)}, 'UTC'), {error:String}, now64(3)
            """,
            new ClickHouseParameterCollection
            {
                QueryParameter.Of("project", request.ProjectId),
                QueryParameter.Of("id", request.Id),
                QueryParameter.Of("subject_kind", request.SubjectKind),
                QueryParameter.Of("subject", request.Subject),
                QueryParameter.Of("status", request.Status),
                QueryParameter.Of("requested_at", request.RequestedAt.ToUnixTimeMilliseconds()),
                QueryParameter.Of("requested_by", request.RequestedBy),
                QueryParameter.Of("erased_ids", request.ErasedIds.ToArray()),
                QueryParameter.Of("removed_from", request.RowsRemoved.Keys.ToArray()),
                QueryParameter.Of("removed_rows", request.RowsRemoved.Values.ToArray()),
                QueryParameter.Of("finished_at", request.FinishedAt?.ToUnixTimeMilliseconds()),
                QueryParameter.Of("error", request.Error ?? string.Empty),
            },
            null,
            cancellationToken);

    public async Task<ErasureRequest?> GetAsync(string project, string id, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(
            "project_id = {project:String} AND id = {id:String}",
            [QueryParameter.Of("project", project), QueryParameter.Of("id", id)],
            cancellationToken);
        return found.FirstOrDefault();
    }

    /// <summary>The requests a stop interrupted (or that never started): the worker runs them again at start.</summary>
    public Task<List<ErasureRequest>> UnfinishedAsync(CancellationToken cancellationToken) =>
        ReadAsync($"status IN ('{ErasureRequest.Pending}', '{ErasureRequest.Running}')", [], cancellationToken);


    private async Task<List<ErasureRequest>> ReadAsync(string where, IEnumerable<ClickHouseDbParameter> parameters, CancellationToken cancellationToken)
    {
        var collection = new ClickHouseParameterCollection();
        foreach (var parameter in parameters)
        {
            collection.Add(parameter);
        }

        var requests = new List<ErasureRequest>();
        using var reader = await store.Client.ExecuteReaderAsync(
            $"""
            SELECT id, project_id, subject_kind, subject, status, toUnixTimestamp64Milli(requested_at), requested_by,
                toJSONString(erased_ids), toJSONString(rows_removed), toUnixTimestamp64Milli(finished_at), error
            FROM {_table} FINAL
            WHERE {where}
            ORDER BY requested_at
            """,
            collection,
            null,
            cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new ErasureRequest(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)),
                reader.GetString(6),
                JsonSerializer.Deserialize(reader.GetString(7), ErasureJsonContext.Default.StringArray) ?? [],
                JsonSerializer.Deserialize(reader.GetString(8), ErasureJsonContext.Default.DictionaryStringInt64) ?? [],
                reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture)),
                reader.GetString(10) is { Length: > 0 } error ? error : null));
        }

        return requests;
    }
}
