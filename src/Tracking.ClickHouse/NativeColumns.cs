using Tracking.Events;

namespace Tracking.ClickHouse;

/// <summary>One column of a Native-format block: its name, the type it travels as and its encoded values.</summary>
public readonly record struct NativeColumn(string Name, string Type, ReadOnlyMemory<byte> Values);

/// <summary>Writes ClickHouse's Native format around column values already encoded, without copying them.</summary>
internal static class NativeColumns
{
    /// <summary>
    /// The block as one stream: the column and row counts, then per column its name and type (written
    /// into <paramref name="headers"/>, which must outlive the stream) followed by its values.
    /// </summary>
    public static Stream Open(PooledBufferWriter headers, int rows, ReadOnlySpan<NativeColumn> columns)
    {
        headers.Reset();
        RowBinary.WriteVarUInt(headers, (uint)columns.Length);
        RowBinary.WriteVarUInt(headers, (uint)rows);
        var headerEnds = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            RowBinary.WriteText(headers, columns[i].Name);
            RowBinary.WriteText(headers, columns[i].Type);
            headerEnds[i] = headers.WrittenCount;
        }

        var segments = new ReadOnlyMemory<byte>[columns.Length * 2];
        for (var i = 0; i < columns.Length; i++)
        {
            var start = i == 0 ? 0 : headerEnds[i - 1];
            segments[2 * i] = headers.WrittenMemory[start..headerEnds[i]];
            segments[(2 * i) + 1] = columns[i].Values;
        }

        return new SegmentStream(segments);
    }
}
