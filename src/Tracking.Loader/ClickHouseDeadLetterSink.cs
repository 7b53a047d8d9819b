using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;

namespace Tracking.Loader;

/// <summary>Dead letters of the single-node setup: the tracking.dead_letters table, next to the events.</summary>
public sealed class ClickHouseDeadLetterSink(ClickHouseStore store) : IDeadLetterSink
{
    private readonly string _table = store.Table("dead_letters");

    public Task WriteAsync(int partition, long offset, ReadOnlyMemory<byte> record, string error, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "partition", Value = (uint)partition },
            new ClickHouseDbParameter { ParameterName = "offset", Value = offset },
            new ClickHouseDbParameter { ParameterName = "error", Value = error },
            new ClickHouseDbParameter { ParameterName = "record", Value = Convert.ToBase64String(record.Span) },
        };
        return store.Client.ExecuteNonQueryAsync(
            $"INSERT INTO {_table} (partition, offset, error, record) VALUES ({{partition:UInt32}}, {{offset:Int64}}, {{error:String}}, base64Decode({{record:String}}))",
            parameters,
            null,
            cancellationToken);
    }
}
