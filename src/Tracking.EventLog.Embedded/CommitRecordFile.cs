using System.Buffers.Binary;
using System.IO.Hashing;
using FASTER.core;
using Microsoft.Win32.SafeHandles;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// FasterLog's commit records in one file of two fixed slots, overwritten in turn by a synchronous
/// (O_DSYNC) write. FasterLog's own commit manager creates a file for every commit and deletes the one
/// before; at the few hundred group commits a second of a busy collector, that file churn (inode
/// allocation, two syncs, pool hops) was about half of every commit's latency.
/// </summary>
/// <remarks>
/// A slot holds the commit number, the metadata's length, a CRC-32 of both and the metadata, so a torn
/// write reads as an invalid slot and recovery falls back to the other slot: the commit before. A log
/// written before this file existed still has FasterLog's commit files; they are read until the first
/// commit here, then deleted.
/// </remarks>
internal sealed class CommitRecordFile : ILogCommitManager
{
    private const int SlotBytes = 64 * 1024;
    private const int HeaderBytes = 16;
    private const int LengthAt = 8;
    private const int ChecksumAt = 12;

    private readonly SafeFileHandle _file;
    private readonly WriteFailureDetectingDevice _device;
    private readonly string _earlierDirectory;
    private DeviceLogCommitCheckpointManager? _earlier;

    /// <param name="logDirectory">The log's folder: the commit file's, and where FasterLog's own commit manager kept commits ("log-commits").</param>
    /// <param name="device">The segments' device: no commit is written once one of its writes failed.</param>
    public CommitRecordFile(string logDirectory, WriteFailureDetectingDevice device)
    {
        _device = device;
        var path = Path.Combine(logDirectory, "commits");
        var created = !File.Exists(path);
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, FileOptions.WriteThrough);
        ReserveSlots();
        if (created)
        {
            DirectorySync.Flush(logDirectory);
        }

        _earlierDirectory = Path.Combine(logDirectory, "log-commits");
        if (Directory.Exists(_earlierDirectory))
        {
            _earlier = new DeviceLogCommitCheckpointManager(
                new LocalStorageNamedDeviceFactory(), new DefaultCheckpointNamingScheme(logDirectory), removeOutdated: false);
        }
    }

    public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
    {
        ArgumentNullException.ThrowIfNull(commitMetadata);

        // FasterLog counts a page whose write failed as flushed: a commit now could cover data that is not on disk.
        if (_device.WriteFailed)
        {
            throw new IOException("A write of the event log failed; no commit is written until the log is reopened.");
        }

        if (commitMetadata.Length > SlotBytes - HeaderBytes)
        {
            throw new InvalidOperationException($"Commit metadata of {commitMetadata.Length} bytes does not fit a {SlotBytes}-byte slot.");
        }

        var record = new byte[HeaderBytes + commitMetadata.Length];
        BinaryPrimitives.WriteInt64LittleEndian(record, commitNum);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(LengthAt), commitMetadata.Length);
        commitMetadata.CopyTo(record.AsSpan(HeaderBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(ChecksumAt), Checksum(record));
        try
        {
            RandomAccess.Write(_file, record, SlotOffset(commitNum));
        }
        catch (IOException)
        {
            _device.MarkFailed();
            throw;
        }

        ForgetEarlierCommits();
    }

    public byte[]? GetCommitMetadata(long commitNum) =>
        ReadSlot(SlotOffset(commitNum)) is { } slot && slot.CommitNum == commitNum
            ? slot.Metadata
            : _earlier?.GetCommitMetadata(commitNum);

    public IEnumerable<long> ListCommits()
    {
        long[] own = [.. new[] { ReadSlot(0), ReadSlot(SlotBytes) }.Where(s => s is not null).Select(s => s!.Value.CommitNum).OrderDescending()];
        return own.Length > 0 || _earlier is null ? own : _earlier.ListCommits();
    }

    /// <summary>Nothing to do: the slot is overwritten two commits later.</summary>
    public void RemoveCommit(long commitNum)
    {
    }

    public void RemoveAllCommits()
    {
        RandomAccess.SetLength(_file, 0);
        ForgetEarlierCommits();
    }

    public void OnRecovery(long commitNum)
    {
    }

    public void Dispose()
    {
        _earlier?.Dispose();
        _file.Dispose();
    }

    /// <summary>
    /// Writes zeros (an invalid slot) over both slots' space once, so that overwriting a slot never needs new disk
    /// space: a commit record write that failed on a full disk would leave FasterLog's commit waiting for good.
    /// </summary>
    private void ReserveSlots()
    {
        var length = RandomAccess.GetLength(_file);
        if (length < 2 * SlotBytes)
        {
            RandomAccess.Write(_file, new byte[(2 * SlotBytes) - length], length);
        }
    }

    private static long SlotOffset(long commitNum) => (commitNum & 1) * SlotBytes;

    private static uint Checksum(ReadOnlySpan<byte> record)
    {
        var crc = new Crc32();
        crc.Append(record[..ChecksumAt]);
        crc.Append(record[HeaderBytes..]);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Once a commit is in this file, FasterLog's own commit files are never needed again.</summary>
    private void ForgetEarlierCommits()
    {
        if (_earlier is null)
        {
            return;
        }

        _earlier.Dispose();
        _earlier = null;
        Directory.Delete(_earlierDirectory, recursive: true);
    }

    private (long CommitNum, byte[] Metadata)? ReadSlot(long offset)
    {
        var header = new byte[HeaderBytes];
        if (RandomAccess.Read(_file, header, offset) < HeaderBytes)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(LengthAt));
        if (length is <= 0 or > SlotBytes - HeaderBytes)
        {
            return null;
        }

        var record = new byte[HeaderBytes + length];
        header.CopyTo(record, 0);
        if (RandomAccess.Read(_file, record.AsSpan(HeaderBytes), offset + HeaderBytes) < length
            || BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(ChecksumAt)) != Checksum(record))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(header), record[HeaderBytes..]);
    }
}
