using FASTER.core;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// The segment device, noting the first write that fails (a full disk, an I/O error) before FasterLog hears of it.
/// </summary>
/// <remarks>
/// FasterLog marks a page whose write failed as flushed anyway; a later successful flush would then commit a
/// range with a hole in it. Noting the failure here, ahead of FasterLog's own callback, lets
/// <see cref="CommitRecordFile"/> refuse every commit from then on: every commit FasterLog reports was written
/// before the failure and covers only data on disk.
/// </remarks>
internal sealed class WriteFailureDetectingDevice(IDevice inner) : IDevice
{
    private int _failed;
    private int _writesInFlight;

    /// <summary>True once a segment write (or a commit record write) failed on this opening of the log.</summary>
    public bool WriteFailed => Volatile.Read(ref _failed) != 0;

    public uint SectorSize => inner.SectorSize;

    public string FileName => inner.FileName;

    public long Capacity => inner.Capacity;

    public long SegmentSize => inner.SegmentSize;

    public int StartSegment => inner.StartSegment;

    public int EndSegment => inner.EndSegment;

    public int ThrottleLimit
    {
        get => inner.ThrottleLimit;
        set => inner.ThrottleLimit = value;
    }

    public void MarkFailed() => Volatile.Write(ref _failed, 1);

    /// <summary>
    /// Waits until every write issued so far has completed. FasterLog's dispose does not: a write of the failed
    /// opening landing after the reopened log wrote the same offsets would overwrite acknowledged messages.
    /// </summary>
    public async Task WaitForWritesAsync()
    {
        while (Volatile.Read(ref _writesInFlight) != 0)
        {
            await Task.Delay(1);
        }
    }

    public void Initialize(long segmentSize, LightEpoch? epoch = null, bool omitSegmentIdFromFilename = false) =>
        inner.Initialize(segmentSize, epoch, omitSegmentIdFromFilename);

    public bool TryComplete() => inner.TryComplete();

    public bool Throttle() => inner.Throttle();

    // One closure per page write, not per message.
    public void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, Noting(callback), context);

    public void WriteAsync(IntPtr alignedSourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        inner.WriteAsync(alignedSourceAddress, alignedDestinationAddress, numBytesToWrite, Noting(callback), context);

    public void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context) =>
        inner.ReadAsync(segmentId, sourceAddress, destinationAddress, readLength, callback, context);

    public void ReadAsync(ulong alignedSourceAddress, IntPtr alignedDestinationAddress, uint aligned_read_length, DeviceIOCompletionCallback callback, object context) =>
        inner.ReadAsync(alignedSourceAddress, alignedDestinationAddress, aligned_read_length, callback, context);

    public void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) =>
        inner.TruncateUntilAddressAsync(toAddress, callback, result);

    public void TruncateUntilAddress(long toAddress) => inner.TruncateUntilAddress(toAddress);

    public void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) =>
        inner.TruncateUntilSegmentAsync(toSegment, callback, result);

    public void TruncateUntilSegment(int toSegment) => inner.TruncateUntilSegment(toSegment);

    public void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result) =>
        inner.RemoveSegmentAsync(segment, callback, result);

    public void RemoveSegment(int segment) => inner.RemoveSegment(segment);

    public long GetFileSize(int segment) => inner.GetFileSize(segment);

    public void Reset() => inner.Reset();

    public void Dispose() => inner.Dispose();

    private DeviceIOCompletionCallback Noting(DeviceIOCompletionCallback callback)
    {
        Interlocked.Increment(ref _writesInFlight);
        return (errorCode, numBytes, context) =>
        {
            if (errorCode != 0)
            {
                MarkFailed();
            }

            try
            {
                callback(errorCode, numBytes, context);
            }
            finally
            {
                Interlocked.Decrement(ref _writesInFlight);
            }
        };
    }
}
