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
        foreach (var fixedSize in EventColumns.FixedSizes)
        {
            if (!RowBinary.TryMeasure(rest, fixedSize, out var size, out _))
            {
                error = "record is truncated";
                return false;
            }

            rest = rest[size..];
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
        for (var i = 0; i < EventColumns.FixedSizes.Length; i++)
        {
            RowBinary.TryMeasure(row, EventColumns.FixedSizes[i], out var size, out var prefixSize);
            var bytes = row[prefixSize..size];
            values[EventColumns.Names[i]] = EventColumns.FixedSizes[i] switch
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
}
