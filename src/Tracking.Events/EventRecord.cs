using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Tracking.Events;

/// <summary>
/// A decoded event record, for diagnostics (dead letters, logs) and tests. The hot path never decodes:
/// the loader only checks a record's shape (<see cref="TryGetRow"/>) and forwards its row to ClickHouse.
/// </summary>
public sealed record EventRecord(IReadOnlyDictionary<string, object> Values)
{
    /// <summary>Fixed byte size of each column in order; 0 for a length-prefixed string.</summary>
    private static readonly int[] ColumnSizes = EventColumns.Names.Select(column => column switch
    {
        "timestamp" or "received_at" => 8,
        "is_bot" => 1,
        "screen_width" or "screen_height" => 2,
        _ => 0,
    }).ToArray();

    public object this[string column] => Values[column];

    /// <summary>
    /// Checks that a record is one complete row of a known format without decoding it, so the loader can
    /// set aside what ClickHouse could never parse before it spoils a whole insert.
    /// </summary>
    public static bool TryGetRow(ReadOnlySpan<byte> record, out ReadOnlySpan<byte> row, out string? error)
    {
        row = default;
        if (record.IsEmpty || record[0] != EventRecordWriter.FormatVersion)
        {
            error = $"event record format {(record.IsEmpty ? "(empty)" : record[0].ToString(CultureInfo.InvariantCulture))} is not supported";
            return false;
        }

        var rest = record[1..];
        foreach (var size in ColumnSizes)
        {
            var length = size;
            if (length == 0 && !TryReadLength(ref rest, out length))
            {
                error = "record ends inside a string length";
                return false;
            }

            if (length > rest.Length)
            {
                error = "record is truncated";
                return false;
            }

            rest = rest[length..];
        }

        if (!rest.IsEmpty)
        {
            error = $"{rest.Length} bytes left after the last column";
            return false;
        }

        row = record[1..];
        error = null;
        return true;
    }

    public static EventRecord Decode(ReadOnlySpan<byte> record)
    {
        if (!TryGetRow(record, out var row, out var error))
        {
            throw new FormatException(error);
        }

        var values = new Dictionary<string, object>(EventColumns.Names.Length);
        for (var i = 0; i < ColumnSizes.Length; i++)
        {
            var size = ColumnSizes[i];
            if (size == 0)
            {
                TryReadLength(ref row, out size);
            }

            var bytes = row[..size];
            values[EventColumns.Names[i]] = ColumnSizes[i] switch
            {
                8 => DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
                1 => bytes[0] != 0,
                2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                _ => Encoding.UTF8.GetString(bytes),
            };
            row = row[size..];
        }

        return new EventRecord(values);
    }

    /// <summary>Reads a RowBinary LEB128 string length.</summary>
    private static bool TryReadLength(ref ReadOnlySpan<byte> row, out int length)
    {
        uint value = 0;
        for (var i = 0; i < 5 && i < row.Length; i++)
        {
            value |= (uint)(row[i] & 0x7F) << (7 * i);
            if (row[i] < 0x80)
            {
                row = row[(i + 1)..];
                length = (int)Math.Min(value, int.MaxValue);
                return true;
            }
        }

        length = 0;
        return false;
    }
}
