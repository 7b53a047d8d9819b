using System.Buffers.Binary;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// FasterLog's record layout: a 4-byte little-endian length, the value, padding to 4 bytes. Records never
/// cross a page; a page ends early with zero bytes where the next record did not fit.
/// </summary>
internal static class LogRecords
{
    public const int HeaderBytes = 4;

    public static int RecordBytes(int valueLength) => HeaderBytes + ((valueLength + 3) & ~3);

    /// <summary>The address where the next record can start at or after <paramref name="address"/>: the next page when too little of this one is left for a header.</summary>
    public static long Normalize(long address, long pageSizeBytes)
    {
        var pageEnd = PageEnd(address, pageSizeBytes);
        return pageEnd - address < HeaderBytes ? pageEnd : address;
    }

    public static long PageEnd(long address, long pageSizeBytes) => (address | (pageSizeBytes - 1)) + 1;

    /// <summary>
    /// Reads the value length of the record at the start of <paramref name="page"/> (the bytes from a record
    /// start to at most its page's end). 0 means the rest of the page is padding.
    /// </summary>
    public static int ValueLength(ReadOnlySpan<byte> page, long address)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(page);
        if (length < 0 || (length > 0 && RecordBytes(length) > page.Length))
        {
            throw new InvalidDataException($"The event log holds no valid record at offset {address} (length field {length}).");
        }

        return length;
    }
}
