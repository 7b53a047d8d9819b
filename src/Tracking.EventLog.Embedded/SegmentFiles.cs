using Microsoft.Win32.SafeHandles;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// Read access to the log's segment files. FasterLog stores logical address <c>a</c> in file
/// <c>events.{a / SegmentSize}</c> at offset <c>a % SegmentSize</c>, so committed data can be read with
/// plain positional reads (from the OS page cache while it is recent).
/// </summary>
internal sealed class SegmentFiles(string basePath, long segmentSizeBytes) : IDisposable
{
    private SafeFileHandle? _handle;
    private long _segment = -1;

    /// <summary>Reads <paramref name="destination"/>.Length bytes starting at logical address <paramref name="address"/> (within one segment).</summary>
    public void Read(long address, Span<byte> destination)
    {
        var segment = address / segmentSizeBytes;
        if (segment != _segment || _handle is null)
        {
            _handle?.Dispose();
            _handle = null;

            // Delete sharing: retention removes whole segments behind every reader while files are open.
            _handle = File.OpenHandle($"{basePath}.{segment}", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _segment = segment;
        }

        while (destination.Length > 0)
        {
            var read = RandomAccess.Read(_handle, destination, address % segmentSizeBytes);
            if (read == 0)
            {
                throw new InvalidDataException($"The event log segment {_segment} ends before committed address {address}.");
            }

            destination = destination[read..];
            address += read;
        }
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }
}
