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
    private long[] _tags = [];

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
    /// <param name="tag">Kept with the row for its owner (the loader keeps the row's log offset).</param>
    /// <exception cref="InvalidDataException">The data ends inside the row.</exception>
    public int Add(ReadOnlySpan<byte> rows, long tag = 0)
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

        TrackRow(tag);
        Bytes += at;
        return at;
    }

    /// <summary>The tag given with row <paramref name="row"/>.</summary>
    public long TagOf(int row) => row < Rows ? _tags[row] : throw new ArgumentOutOfRangeException(nameof(row));

    /// <summary>
    /// Appends rows <paramref name="start"/>..<paramref name="start"/>+<paramref name="count"/> of this block to
    /// <paramref name="target"/> (of the same layout): the insert's way to retry a refused block in pieces.
    /// One pass over each column: for the rare refusal, not the hot path.
    /// </summary>
    public void CopyRowsTo(EventBlock target, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Rows);
        if (target.Layout != Layout)
        {
            throw new ArgumentException("the target holds rows of another record version", nameof(target));
        }

        var fixedSizes = Layout.FixedSizes;
        long copied = 0;
        for (var c = 0; c < fixedSizes.Length; c++)
        {
            var column = _columns[c].WrittenSpan;
            var from = Skip(column, fixedSizes[c], start);
            var to = from + Skip(column[from..], fixedSizes[c], count);
            column[from..to].CopyTo(target._columns[c].GetSpan(to - from));
            target._columns[c].Advance(to - from);
            copied += to - from;
        }

        for (var i = 0; i < count; i++)
        {
            target.TrackRow(_tags[start + i]);
        }

        target.Bytes += copied;
    }

    /// <summary>
    /// Appends every row of this block but <paramref name="skipped"/> (row numbers in ascending order) to
    /// <paramref name="target"/> (empty, of the same layout), in one pass over each column.
    /// </summary>
    public void CopyRowsExcept(EventBlock target, IReadOnlyList<int> skipped)
    {
        if (target.Layout != Layout || target.Rows != 0)
        {
            throw new ArgumentException("the target must be empty and of this block's record version", nameof(target));
        }

        var fixedSizes = Layout.FixedSizes;
        for (var c = 0; c < fixedSizes.Length; c++)
        {
            var column = _columns[c].WrittenSpan;
            var at = 0;
            var next = 0;
            for (var row = 0; row < Rows; row++)
            {
                RowBinary.TryMeasure(column[at..], fixedSizes[c], out var size, out _);
                if (next < skipped.Count && skipped[next] == row)
                {
                    next++;
                }
                else
                {
                    column.Slice(at, size).CopyTo(target._columns[c].GetSpan(size));
                    target._columns[c].Advance(size);
                    target.Bytes += size;
                }

                at += size;
            }
        }

        var skip = 0;
        for (var row = 0; row < Rows; row++)
        {
            if (skip < skipped.Count && skipped[skip] == row)
            {
                skip++;
            }
            else
            {
                target.TrackRow(_tags[row]);
            }
        }
    }

    /// <summary>Row <paramref name="index"/> as it was added: its columns' values in RowBinary, in layout order.</summary>
    public byte[] RowAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Rows);
        var fixedSizes = Layout.FixedSizes;
        var row = new List<byte>();
        for (var c = 0; c < fixedSizes.Length; c++)
        {
            var column = _columns[c].WrittenSpan;
            var from = Skip(column, fixedSizes[c], index);
            row.AddRange(column[from..(from + Skip(column[from..], fixedSizes[c], 1))]);
        }

        return [.. row];
    }

    /// <summary>The bytes taken by the first <paramref name="values"/> values of a column.</summary>
    private static int Skip(ReadOnlySpan<byte> column, int fixedSize, int values)
    {
        var at = 0;
        for (var i = 0; i < values; i++)
        {
            RowBinary.TryMeasure(column[at..], fixedSize, out var size, out _);
            at += size;
        }

        return at;
    }

    private void TrackRow(long tag)
    {
        if (Rows == _tags.Length)
        {
            Array.Resize(ref _tags, Math.Max(1024, _tags.Length * 2));
        }

        _tags[Rows] = tag;
        Rows++;
    }

    /// <summary>The block as one Native-format stream; valid until the block changes.</summary>
    public Stream OpenRead()
    {
        var columns = new NativeColumn[Layout.Names.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new NativeColumn(Layout.Names[i], Layout.WireTypes[i], _columns[i].WrittenMemory);
        }

        return NativeColumns.Open(_headers, Rows, columns);
    }

    /// <summary>The values of one column of the rows held, in its Native (and RowBinary) encoding; valid until the block changes.</summary>
    public NativeColumn Column(string name)
    {
        var index = Array.IndexOf(Layout.Names, name);
        return index >= 0
            ? new NativeColumn(name, Layout.WireTypes[index], _columns[index].WrittenMemory)
            : throw new ArgumentException($"records of version {Layout.Version} have no column {name}", nameof(name));
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
