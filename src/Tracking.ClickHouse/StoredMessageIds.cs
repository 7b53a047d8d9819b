using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.Events;

namespace Tracking.ClickHouse;

/// <summary>
/// The ids of the messages stored (migration 7's message_ids), so the loader stores a message's first copy
/// only: a resend then changes nothing in events nor in the session rollup its materialized view feeds,
/// whatever time the copy carries. Used by one loader at a time; not thread-safe. See docs/resends.md.
/// </summary>
public sealed class StoredMessageIds(ClickHouseStore store)
{
    private const string ProjectColumn = "project_id";
    private const string MessageColumn = "message_id";

    private readonly string _ids = store.Table("message_ids");
    private readonly string _probes = store.Table("message_id_probes");
    private readonly PooledBufferWriter _headers = new(256);
    private byte[] _probeColumn = [];
    private byte[] _rowColumn = [];

    /// <summary>
    /// The rows of <paramref name="block"/> (ascending) that are copies: of a message stored before, or of an
    /// earlier row of the block. Two requests whatever the batch's size: the block's ids are inserted as one
    /// probe (only its id columns travel, as they are in the block), then one query answers with row numbers.
    /// The stored ids are matched on message_id alone, then on (project, id) among the few found: a set of
    /// (LowCardinality, String) tuples made chDB take 0.55–1 s for a 50,000-id batch over a million
    /// stored ids, the single column 0.09–0.27 s.
    /// </summary>
    public async Task<IReadOnlyList<int>> FindCopiesAsync(EventBlock block, CancellationToken cancellationToken)
    {
        var probe = (ulong)Random.Shared.NextInt64();
        var rows = block.Rows;
        using (var stream = NativeColumns.Open(_headers, rows, [
            new NativeColumn("probe", "UInt64", ProbeColumn(probe, rows)),
            new NativeColumn("batch_row", "UInt32", RowColumn(rows)),
            block.Column(ProjectColumn),
            block.Column(MessageColumn),
        ]))
        {
            await store.Client.InsertRawStreamAsync(_probes, stream, "Native", ["probe", "batch_row", ProjectColumn, MessageColumn], false, null, cancellationToken);
        }

        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "probe", Value = probe },
        };
        var copies = new List<int>();
        using var reader = await store.Client.ExecuteReaderAsync(
            $$"""
            SELECT batch_row FROM {{_probes}}
            WHERE probe = {probe:UInt64}
              AND ((project_id, message_id) IN (
                      SELECT project_id, message_id FROM {{_ids}}
                      WHERE message_id IN (SELECT message_id FROM {{_probes}} WHERE probe = {probe:UInt64}))
                   OR batch_row NOT IN (SELECT min(batch_row) FROM {{_probes}} WHERE probe = {probe:UInt64} GROUP BY project_id, message_id))
            ORDER BY batch_row
            """,
            parameters,
            null,
            cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            copies.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return copies;
    }

    /// <summary>
    /// Records the ids of <paramref name="block"/>'s rows as stored, after they were: a crash in between
    /// leaves the rows stored and their ids unknown, and the replay's insert, with the batch's token, is
    /// dropped by ClickHouse. Recording first would make the replay drop rows that were never stored.
    /// </summary>
    public async Task RecordAsync(EventBlock block, CancellationToken cancellationToken)
    {
        using var stream = NativeColumns.Open(_headers, block.Rows, [block.Column(ProjectColumn), block.Column(MessageColumn)]);

        // Foreground on a Distributed table, so the next batch's lookup sees these ids.
        var options = new QueryOptions { CustomSettings = new Dictionary<string, object> { ["distributed_foreground_insert"] = 1 } };
        await store.Client.InsertRawStreamAsync(_ids, stream, "Native", [ProjectColumn, MessageColumn], false, options, cancellationToken);
    }

    /// <summary>The probe number once per row, in a buffer kept across batches.</summary>
    private ReadOnlyMemory<byte> ProbeColumn(ulong probe, int rows)
    {
        if (_probeColumn.Length < rows * sizeof(ulong))
        {
            _probeColumn = new byte[rows * sizeof(ulong)];
        }

        var values = MemoryMarshal.Cast<byte, ulong>(_probeColumn.AsSpan(0, rows * sizeof(ulong)));
        values.Fill(BitConverter.IsLittleEndian ? probe : BinaryPrimitives.ReverseEndianness(probe));
        return _probeColumn.AsMemory(0, rows * sizeof(ulong));
    }

    /// <summary>Row numbers 0..rows-1 (a prefix of the longest written so far, which never changes).</summary>
    private ReadOnlyMemory<byte> RowColumn(int rows)
    {
        if (_rowColumn.Length < rows * sizeof(uint))
        {
            _rowColumn = new byte[rows * sizeof(uint)];
            for (var row = 0; row < rows; row++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_rowColumn.AsSpan(row * sizeof(uint)), (uint)row);
            }
        }

        return _rowColumn.AsMemory(0, rows * sizeof(uint));
    }
}
