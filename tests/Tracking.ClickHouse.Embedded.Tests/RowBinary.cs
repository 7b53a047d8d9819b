using System.Buffers.Binary;
using System.Text;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>Hand-written RowBinary for (a UInt32, s String) rows, to control every byte sent.</summary>
internal static class RowBinary
{
    public static byte[] Rows(IEnumerable<(uint A, string S)> rows)
    {
        using var output = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        foreach (var (a, s) in rows)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(number, a);
            output.Write(number);
            var bytes = Encoding.UTF8.GetBytes(s);
            Write7BitLength(output, bytes.Length);
            output.Write(bytes);
        }

        return output.ToArray();
    }

    private static void Write7BitLength(Stream output, int length)
    {
        var value = (uint)length;
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
