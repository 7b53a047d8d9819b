using System.Buffers;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.ClickHouse;

/// <summary>
/// Event rows regrouped column by column, as they arrive, into one block of ClickHouse's Native format.
/// ClickHouse reads a Native block a column at a time; RowBinary it reads value by value, which for the
/// LowCardinality columns cost the embedded engine ~6 µs a row, more than the rest of the insert together.
/// Values keep their RowBinary encoding (it is the Native encoding of each value), so regrouping is copying.
/// </summary>
public sealed class EventBlock : IDisposable
{
    private readonly PooledBufferWriter[] _columns;
    private readonly PooledBufferWriter _headers = new(4 * 1024);

    public EventBlock(int initialColumnBytes = 64 * 1024)
    {
        _columns = new PooledBufferWriter[EventSchema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = new PooledBufferWriter(initialColumnBytes);
        }
    }

    /// <summary>The columns of the rows held: every row of a block is a record of one version.</summary>
    public RecordLayout Layout { get; private set; } = EventSchema.Current;

    public int Rows { get; private set; }

    /// <summary>Bytes of row data held, the measure of a batch's size.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Appends the row at the start of <paramref name="rows"/> (the columns of <see cref="Layout"/> in
    /// RowBinary) and returns its length.
    /// </summary>
    /// <exception cref="InvalidDataException">The data ends inside the row.</exception>
    public int Add(ReadOnlySpan<byte> rows)
    {
        var at = 0;
        var fixedSizes = Layout.FixedSizes;
        for (var i = 0; i < fixedSizes.Length; i++)
        {
            if (!RowBinary.TryMeasure(rows[at..], fixedSizes[i], out var size, out _))
            {
                throw new InvalidDataException($"row {Rows} ends inside column {Layout.Names[i]}");
            }

            var value = rows.Slice(at, size);
            value.CopyTo(_columns[i].GetSpan(size));
            _columns[i].Advance(size);
            at += size;
        }

        Rows++;
        Bytes += at;
        return at;
    }

    /// <summary>The block as one Native-format stream; valid until the block changes.</summary>
    public Stream OpenRead()
    {
        _headers.Reset();
        var count = Layout.Names.Length;
        RowBinary.WriteVarUInt(_headers, (uint)count);
        RowBinary.WriteVarUInt(_headers, (uint)Rows);
        var segments = new ReadOnlyMemory<byte>[count * 2];
        var headerStarts = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            headerStarts[i] = i == 0 ? 0 : _headers.WrittenCount;
            RowBinary.WriteText(_headers, Layout.Names[i]);
            RowBinary.WriteText(_headers, Layout.WireTypes[i]);
        }

        headerStarts[count] = _headers.WrittenCount;
        for (var i = 0; i < count; i++)
        {
            segments[2 * i] = _headers.WrittenMemory[headerStarts[i]..headerStarts[i + 1]];
            segments[(2 * i) + 1] = _columns[i].WrittenMemory;
        }

        return new SegmentStream(segments);
    }

    /// <summary>Empties the block for rows of <paramref name="layout"/> (the current one by default), keeping its grown buffers.</summary>
    public void Reset(RecordLayout? layout = null)
    {
        foreach (var column in _columns)
        {
            column.Reset();
        }

        Layout = layout ?? EventSchema.Current;
        Rows = 0;
        Bytes = 0;
    }

    public void Dispose()
    {
        foreach (var column in _columns)
        {
            column.Dispose();
        }

        _headers.Dispose();
    }
}
