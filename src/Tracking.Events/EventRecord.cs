using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Tracking.Events.Schema;

namespace Tracking.Events;

/// <summary>What a look at a record's shape found.</summary>
public enum RecordShape
{
    /// <summary>A complete row of a version this process reads.</summary>
    Row,

    /// <summary>Damaged or of a version no longer read: it can never be loaded.</summary>
    Unreadable,

    /// <summary>Of a version newer than this process knows: a newer collector wrote it, a newer loader will read it.</summary>
    Newer,
}

/// <summary>
/// A decoded event record, for diagnostics (dead letters, logs) and tests. The hot path never decodes:
/// the loader only checks a record's shape (<see cref="Inspect"/>) and forwards its row to ClickHouse.
/// </summary>
public sealed record EventRecord(byte Version, IReadOnlyDictionary<string, object> Values)
{
    public object this[string column] => Values[column];

    /// <summary>
    /// Checks that a record is one complete row of a version this process reads (up to
    /// <paramref name="newestVersion"/>) without decoding it, so the loader can set aside what ClickHouse
    /// could never parse before it spoils a whole insert, and hold what only a newer loader can read.
    /// </summary>
    public static RecordShape Inspect(
        ReadOnlySpan<byte> record,
        byte newestVersion,
        out ReadOnlySpan<byte> row,
        out RecordLayout? layout,
        out string? error)
    {
        row = default;
        layout = null;
        if (record.IsEmpty)
        {
            error = "event record is empty";
            return RecordShape.Unreadable;
        }

        var version = record[0];
        if (version < EventSchema.OldestReadableVersion)
        {
            error = $"event record version {version.ToString(CultureInfo.InvariantCulture)} is not supported";
            return RecordShape.Unreadable;
        }

        if (version > newestVersion)
        {
            // Columns are only ever appended, so a record of a newer version starts with every column this
            // process knows; bytes that do not (a stray JSON message, say) are damaged, not newer.
            if (Measure(record[1..], EventSchema.Layout(newestVersion)) < 0)
            {
                error = $"event record version {version} is not supported: it is not a newer record either (its columns end early)";
                return RecordShape.Unreadable;
            }

            error = $"event record version {version} is newer than this process reads (up to {newestVersion})";
            return RecordShape.Newer;
        }

        layout = EventSchema.Layout(version);
        var left = Measure(record[1..], layout);
        if (left != 0)
        {
            error = left < 0 ? "record is truncated" : $"{left} bytes left after the last column";
            return RecordShape.Unreadable;
        }

        row = record[1..];
        error = null;
        return RecordShape.Row;
    }

    /// <summary>The bytes left after the layout's columns, or -1 when the data ends inside them.</summary>
    private static int Measure(ReadOnlySpan<byte> row, RecordLayout layout)
    {
        foreach (var fixedSize in layout.FixedSizes)
        {
            if (!RowBinary.TryMeasure(row, fixedSize, out var size, out _))
            {
                return -1;
            }

            row = row[size..];
        }

        return row.Length;
    }

    public static EventRecord Decode(ReadOnlySpan<byte> record)
    {
        if (Inspect(record, EventSchema.CurrentVersion, out var row, out var layout, out var error) != RecordShape.Row)
        {
            throw new FormatException(error);
        }

        var values = new Dictionary<string, object>(layout!.Columns.Count);
        foreach (var column in layout.Columns)
        {
            RowBinary.TryMeasure(row, column.Encoding.FixedSize(), out var size, out var prefixSize);
            var bytes = row[prefixSize..size];
            values[column.Name] = column.Encoding switch
            {
                ColumnEncoding.Milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
                ColumnEncoding.Bool => bytes[0] != 0,
                ColumnEncoding.Unsigned16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                _ => Encoding.UTF8.GetString(bytes),
            };
            row = row[size..];
        }

        return new EventRecord(layout.Version, values);
    }
}
