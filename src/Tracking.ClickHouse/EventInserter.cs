using ClickHouse.Driver;
using Tracking.Events;

namespace Tracking.ClickHouse;

/// <summary>
/// Bulk-inserts event rows that are already RowBinary (the collector encoded them), so the insert path
/// copies bytes and never touches individual values.
/// </summary>
public sealed class EventInserter(ClickHouseStore store)
{
    private readonly string _table = store.Table("events");

    /// <summary>
    /// Inserts concatenated RowBinary rows as one block. A retry with the same
    /// <paramref name="deduplicationToken"/> is a no-op in ClickHouse, so a replayed batch never doubles.
    /// </summary>
    public async Task InsertAsync(ArraySegment<byte> rows, string deduplicationToken, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(rows.Array!, rows.Offset, rows.Count, writable: false);
        var options = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object>
            {
                ["insert_deduplication_token"] = deduplicationToken,
                ["insert_deduplicate"] = 1,
            },
        };
        await store.Client.InsertRawStreamAsync(_table, stream, "RowBinary", EventColumns.Names, false, options, cancellationToken);
    }
}
