using System.Buffers;
using System.Text;

namespace Tracking.Events;

/// <summary>
/// The value encodings ClickHouse shares between RowBinary rows and Native columns: strings are a LEB128
/// length then UTF-8 bytes, numbers are little-endian and fixed width.
/// </summary>
public static class RowBinary
{
    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteVarUInt(output, (uint)value.Length);
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }

    public static void WriteText(IBufferWriter<byte> output, string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt(output, (uint)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    public static void WriteVarUInt(IBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }

    /// <summary>
    /// Measures the encoded value at the start of <paramref name="data"/>: <paramref name="fixedSize"/> bytes,
    /// or for 0 a length-prefixed string including its prefix. False when the data ends inside the value.
    /// </summary>
    public static bool TryMeasure(ReadOnlySpan<byte> data, int fixedSize, out int size, out int prefixSize)
    {
        prefixSize = 0;
        size = fixedSize;
        if (fixedSize == 0)
        {
            if (!TryReadLength(data, out var length, out prefixSize))
            {
                return false;
            }

            size = prefixSize + length;
        }

        return size <= data.Length;
    }

    /// <summary>Reads a LEB128 string length of at most five bytes.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> data, out int length, out int prefixSize)
    {
        uint value = 0;
        for (var i = 0; i < 5 && i < data.Length; i++)
        {
            value |= (uint)(data[i] & 0x7F) << (7 * i);
            if (data[i] < 0x80)
            {
                prefixSize = i + 1;
                length = (int)Math.Min(value, int.MaxValue);
                return true;
            }
        }

        length = 0;
        prefixSize = 0;
        return false;
    }
}
