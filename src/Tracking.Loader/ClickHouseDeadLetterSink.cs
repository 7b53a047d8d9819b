using System.IO.Hashing;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.ClickHouse;

namespace Tracking.Loader;

/// <summary>Dead letters of the single-node setup: the tracking.dead_letters table, next to the events.</summary>
public sealed class ClickHouseDeadLetterSink(ClickHouseStore store) : IDeadLetterSink
{
    private readonly string _table = store.Table("dead_letters");

    /// <summary>
    /// Writes one dead letter once: a replay after a crash sets the same record at the same log offset
    /// aside again, and ClickHouse drops that insert by its token (the table keeps the tokens of its last
    /// 10,000 inserts, migration 7). The record's hash is part of the token, so another log's record at an
    /// equal offset is not taken for it.
    /// </summary>
    public Task WriteAsync(int partition, long offset, ReadOnlyMemory<byte> record, string error, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "partition", Value = (uint)partition },
            new ClickHouseDbParameter { ParameterName = "offset", Value = offset },
            new ClickHouseDbParameter { ParameterName = "error", Value = error },
            new ClickHouseDbParameter { ParameterName = "record", Value = Convert.ToBase64String(record.Span) },
        };
        var options = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object>
            {
                ["insert_deduplication_token"] = $"dead-letter/{partition}/{offset}/{XxHash64.HashToUInt64(record.Span):x16}",
                ["insert_deduplicate"] = 1,
            },
        };
        return store.Client.ExecuteNonQueryAsync(
            $"INSERT INTO {_table} (partition, offset, error, record) VALUES ({{partition:UInt32}}, {{offset:Int64}}, {{error:String}}, base64Decode({{record:String}}))",
            parameters,
            options,
            cancellationToken);
    }
}
