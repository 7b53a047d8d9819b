using System.Buffers.Binary;
using System.Text;

namespace Tracking.Events;

/// <summary>
/// A decoded event record, for diagnostics (dead letters, logs) and tests. The hot path never decodes:
/// the loader forwards records to ClickHouse as they are.
/// </summary>
public sealed record EventRecord(IReadOnlyDictionary<string, object> Values)
{
    public object this[string column] => Values[column];

    /// <summary>Returns the RowBinary row of a record (without its version byte), or throws for an unknown format.</summary>
    public static ReadOnlySpan<byte> RowOf(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty || record[0] != EventRecordWriter.FormatVersion)
        {
            throw new FormatException($"event record format {(record.IsEmpty ? "(empty)" : record[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} is not supported");
        }

        return record[1..];
    }

    public static EventRecord Decode(ReadOnlySpan<byte> record)
    {
        var row = RowOf(record);
        var values = new Dictionary<string, object>(EventColumns.Names.Length);
        foreach (var column in EventColumns.Names)
        {
            values[column] = column switch
            {
                "timestamp" or "received_at" => DateTimeOffset.FromUnixTimeMilliseconds(Take(ref row, 8, BinaryPrimitives.ReadInt64LittleEndian)),
                "is_bot" => Take(ref row, 1, static s => s[0] != 0),
                "screen_width" or "screen_height" => Take(ref row, 2, BinaryPrimitives.ReadUInt16LittleEndian),
                _ => ReadString(ref row),
            };
        }

        if (!row.IsEmpty)
        {
            throw new FormatException($"{row.Length} bytes left after the last column");
        }

        return new EventRecord(values);
    }

    private delegate T SpanReader<out T>(ReadOnlySpan<byte> span);

    private static T Take<T>(ref ReadOnlySpan<byte> row, int size, SpanReader<T> read)
    {
        var value = read(row[..size]);
        row = row[size..];
        return value;
    }

    private static string ReadString(ref ReadOnlySpan<byte> row)
    {
        uint length = 0;
        var shift = 0;
        int i;
        for (i = 0; ; i++)
        {
            var b = row[i];
            length |= (uint)(b & 0x7F) << shift;
            shift += 7;
            if (b < 0x80)
            {
                break;
            }
        }

        var value = Encoding.UTF8.GetString(row.Slice(i + 1, (int)length));
        row = row[(i + 1 + (int)length)..];
        return value;
    }
}
