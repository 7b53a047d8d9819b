using ClickHouse.Driver;
using Tracking.Events;

namespace Tracking.ClickHouse;

/// <summary>
/// Bulk-inserts a block of event rows in ClickHouse's Native format. The rows arrive already encoded (the
/// collector wrote them), so the insert path copies bytes and never touches individual values.
/// </summary>
public sealed class EventInserter(ClickHouseStore store)
{
    private readonly string _table = store.Table("events");

    /// <summary>
    /// Inserts the block as one insert, naming the columns of its rows' version: the table's defaults fill
    /// the columns a record of an older version lacks. A retry with the same <paramref name="deduplicationToken"/> is a
    /// no-op in ClickHouse, so a replayed batch never doubles.
    /// </summary>
    public async Task InsertAsync(EventBlock block, string deduplicationToken, CancellationToken cancellationToken)
    {
        using var stream = block.OpenRead();
        var options = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object>
            {
                ["insert_deduplication_token"] = deduplicationToken,
                ["insert_deduplicate"] = 1,

                // Copies of one messageId (client resends) are folded by merges and FINAL; folding them again
                // while writing each part cost the embedded engine about a third of the insert.
                ["optimize_on_insert"] = 0,
            },
        };
        await store.Client.InsertRawStreamAsync(_table, stream, "Native", block.Layout.Names, false, options, cancellationToken);
    }
}
