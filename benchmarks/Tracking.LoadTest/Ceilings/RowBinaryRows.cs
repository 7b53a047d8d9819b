using Tracking.Events;

namespace Tracking.LoadTest.Ceilings;

/// <summary>Cuts concatenated RowBinary event rows (columns of <see cref="EventColumns.Names"/>) into batches of whole rows.</summary>
internal static class RowBinaryRows
{
    public static List<ArraySegment<byte>> Split(byte[] rows, int rowsPerBatch)
    {
        var batches = new List<ArraySegment<byte>>();
        var batchStart = 0;
        var inBatch = 0;
        var at = 0;
        while (at < rows.Length)
        {
            try
            {
                at = SkipRow(rows, at);
            }
            catch (IndexOutOfRangeException)
            {
                throw new InvalidDataException($"RowBinary data ends inside a row: row {(batches.Count * rowsPerBatch) + inBatch} starts at byte {at} of {rows.Length}");
            }

            if (++inBatch == rowsPerBatch)
            {
                batches.Add(new ArraySegment<byte>(rows, batchStart, at - batchStart));
                batchStart = at;
                inBatch = 0;
            }
        }

        if (inBatch > 0)
        {
            batches.Add(new ArraySegment<byte>(rows, batchStart, at - batchStart));
        }

        return batches;
    }

    private static int SkipRow(byte[] rows, int at)
    {
        foreach (var column in EventColumns.Names)
        {
            var size = column switch
            {
                "timestamp" or "received_at" => 8, // DateTime64(3): Int64
                "is_bot" => 1,
                "screen_width" or "screen_height" => 2,
                _ => -1,
            };
            at = size >= 0 ? at + size : SkipString(rows, at);
        }

        return at;
    }

    // A LEB128 length, then that many bytes.
    private static int SkipString(byte[] rows, int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = rows[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return at + length;
            }
        }
    }
}
