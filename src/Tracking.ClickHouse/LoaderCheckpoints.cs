using ClickHouse.Driver.ADO.Parameters;

namespace Tracking.ClickHouse;

/// <summary>
/// The batch a loader is about to insert, recorded before the insert. After a crash between insert and
/// offset commit the loader replays exactly that batch with the same deduplication token, so ClickHouse
/// drops the repeat (the exactly-once scheme of ClickHouse's own Kafka sink).
/// </summary>
public sealed class LoaderCheckpoints(ClickHouseStore store)
{
    private readonly string _table = store.Table("loader_batches");

    public async Task<(long Start, long End)?> GetAsync(string group, string log, int partition, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "group", Value = group },
            new ClickHouseDbParameter { ParameterName = "log", Value = log },
            new ClickHouseDbParameter { ParameterName = "partition", Value = (uint)partition },
        };
        using var reader = await store.Client.ExecuteReaderAsync(
            $"SELECT start_offset, end_offset FROM {_table} FINAL WHERE consumer_group = {{group:String}} AND log_name = {{log:String}} AND partition = {{partition:UInt32}}",
            parameters,
            null,
            cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public Task SaveAsync(string group, string log, int partition, long start, long end, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "group", Value = group },
            new ClickHouseDbParameter { ParameterName = "log", Value = log },
            new ClickHouseDbParameter { ParameterName = "partition", Value = (uint)partition },
            new ClickHouseDbParameter { ParameterName = "start", Value = start },
            new ClickHouseDbParameter { ParameterName = "end", Value = end },
        };
        return store.Client.ExecuteNonQueryAsync(
            $"INSERT INTO {_table} (consumer_group, log_name, partition, start_offset, end_offset) VALUES ({{group:String}}, {{log:String}}, {{partition:UInt32}}, {{start:Int64}}, {{end:Int64}})",
            parameters,
            null,
            cancellationToken);
    }
}
