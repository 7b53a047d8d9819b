using System.Buffers;
using Tracking.Events.Schema;

namespace Tracking.Events;

/// <summary>
/// Encodes an <see cref="EventRow"/> as an event record: a version byte followed by the row in ClickHouse
/// RowBinary, the columns of that version's <see cref="RecordLayout"/> in order. The loader inserts
/// records by regrouping their bytes, so the hot path never re-encodes an event after the collector.
/// </summary>
public static class EventRecordWriter
{
    /// <summary>Writes the row as a record of the current version, what the collector sends.</summary>
    public static void Write(IBufferWriter<byte> output, scoped in EventRow row) => Write(output, row, EventSchema.Current);

    /// <summary>
    /// Writes the row as a record of an older layout: the columns that layout lacks are left out, as a
    /// collector of that version would (rolling upgrades and their tests).
    /// </summary>
    public static void Write(IBufferWriter<byte> output, scoped in EventRow row, RecordLayout layout)
    {
        output.GetSpan(1)[0] = layout.Version;
        output.Advance(1);
        foreach (var column in layout.Columns)
        {
            column.Write(output, row);
        }
    }
}
