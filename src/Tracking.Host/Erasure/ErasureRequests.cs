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
            $"""
            INSERT INTO {_table} (project_id, id, subject_kind, subject, status, requested_at, requested_by, erased_ids, rows_removed, finished_at, error, updated_at)
            SELECT {SqlLiteral.Text(request.ProjectId)}, {SqlLiteral.Text(request.Id)}, {SqlLiteral.Text(request.SubjectKind)}, {SqlLiteral.Text(request.Subject)},
                {SqlLiteral.Text(request.Status)}, {SqlLiteral.Time(request.RequestedAt)}, {SqlLiteral.Text(request.RequestedBy)},
                CAST({SqlLiteral.Array(request.ErasedIds)} AS Array(String)), CAST({SqlLiteral.Map(request.RowsRemoved)} AS Map(String, UInt64)),
                {(request.FinishedAt is { } finished ? SqlLiteral.Time(finished) : "NULL")}, {SqlLiteral.Text(request.Error ?? string.Empty)}, now64(3)
            """,
            null,
            null,
            cancellationToken);

    public async Task<ErasureRequest?> GetAsync(string project, string id, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(
            "project_id = {project:String} AND id = {id:String}",
            [new ClickHouseDbParameter { ParameterName = "project", Value = project }, new ClickHouseDbParameter { ParameterName = "id", Value = id }],
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
