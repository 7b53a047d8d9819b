using System.Globalization;
using System.Threading.Channels;
using Tracking.Sdk.Batching;

namespace Tracking.Sdk.Buffering;

/// <summary>
/// The on-disk buffer. Each batch is one file <c>{sequence:D19}.ndjson</c> holding one event JSON
/// (message id and timestamp included) per line, written to <c>.tmp</c> and renamed once flushed to
/// disk, and deleted when the collector has answered for it. On start the files left by an earlier
/// run are sent first, oldest first, with their original message ids (the collector dedups on them).
/// Bounded by <see cref="TrackingOptions.MaxBufferBytes"/>: when full, the batcher waits, the queue
/// fills and new events are dropped (counted as <see cref="DropReason.QueueFull"/>); stored events are never evicted.
/// </summary>
internal sealed class DiskOutbox : IOutbox
{
    internal const string Extension = ".ndjson";
    internal const string LockFileName = ".lock";

    private readonly Channel<EventBatch> _batches = Channel.CreateUnbounded<EventBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly SemaphoreSlim _spaceFreed = new(0);
    private readonly Lock _gate = new();
    private readonly FileStream _lock;
    private readonly long _maxBytes;
    private long _bytes;
    private long _sequence;

    private DiskOutbox(string directory, long maxBytes, FileStream lockFile)
    {
        Directory = directory;
        _maxBytes = maxBytes;
        _lock = lockFile;
    }

    public string Directory { get; }

    public bool IsDurable => true;

    /// <summary>Batches found from an earlier run.</summary>
    public int Recovered { get; private set; }

    /// <summary>Opens (and locks) the folder and queues what an earlier run left; throws <see cref="IOException"/> when locked.</summary>
    public static DiskOutbox Open(string directory, long maxBytes)
    {
        System.IO.Directory.CreateDirectory(directory);
        var lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var outbox = new DiskOutbox(directory, maxBytes, lockFile);
        outbox.Recover();
        return outbox;
    }

    public async ValueTask AddAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 || !batch.HasData)
        {
            // A flush request alone: ordered with the files, nothing to store.
            await _batches.Writer.WriteAsync(batch, cancellationToken);
            return;
        }

        while (true)
        {
            lock (_gate)
            {
                if (_bytes == 0 || _bytes + batch.Length <= _maxBytes)
                {
                    _bytes += batch.Length;
                    break;
                }
            }

            await _spaceFreed.WaitAsync(cancellationToken);
        }

        try
        {
            var path = Path.Combine(Directory, Interlocked.Increment(ref _sequence).ToString("D19", CultureInfo.InvariantCulture) + Extension);
            var temp = path + ".tmp";
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(batch.Payload, CancellationToken.None);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            batch.FilePath = path;
            batch.SizeOnDisk = batch.Length;

            // Memory stays bounded however much the folder holds: the bytes are read back when sent.
            batch.Release();
        }
        catch
        {
            Release(batch.Length);
            throw;
        }

        await _batches.Writer.WriteAsync(batch, cancellationToken);
    }

    public void CompleteAdding() => _batches.Writer.TryComplete();

    public async ValueTask<EventBatch?> TakeAsync(CancellationToken cancellationToken)
    {
        while (await _batches.Reader.WaitToReadAsync(cancellationToken))
        {
            if (!_batches.Reader.TryRead(out var batch))
            {
                continue;
            }

            if (!batch.HasData && batch.FilePath is not null)
            {
                try
                {
                    batch.Load(await File.ReadAllBytesAsync(batch.FilePath, cancellationToken));
                }
                catch (IOException)
                {
                    // Deleted or unreadable behind our back: nothing to send.
                    Remove(batch);
                    continue;
                }
            }

            return batch;
        }

        return null;
    }

    public void Remove(EventBatch batch)
    {
        if (batch.FilePath is null)
        {
            return;
        }

        try
        {
            File.Delete(batch.FilePath);
        }
        catch (IOException)
        {
            // Sent again on the next start at worst; the collector dedups on message ids.
        }

        batch.FilePath = null;
        Release(batch.SizeOnDisk);
    }

    public IReadOnlyList<EventBatch> TakeRemaining()
    {
        var remaining = new List<EventBatch>();
        while (_batches.Reader.TryRead(out var batch))
        {
            remaining.Add(batch);
        }

        return remaining;
    }

    public void Dispose()
    {
        _lock.Dispose();
        _spaceFreed.Dispose();
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _bytes -= bytes;
        }

        if (_spaceFreed.CurrentCount == 0)
        {
            _spaceFreed.Release();
        }
    }

    private void Recover()
    {
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension + ".tmp"))
        {
            // Never renamed: its batch was not acknowledged to the batcher as stored; the events
            // were either lost with the process or are in a later file.
            File.Delete(temp);
        }

        var files = System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(path => (Path: path, Name: Path.GetFileNameWithoutExtension(path)))
            .Where(f => f.Name.Length == 19 && long.TryParse(f.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var (path, name) in files)
        {
            var size = new FileInfo(path).Length;
            _bytes += size;
            _sequence = long.Parse(name, CultureInfo.InvariantCulture);
            _batches.Writer.TryWrite(new EventBatch(null, 0, 0, null) { FilePath = path, SizeOnDisk = size });
        }

        Recovered = files.Count;
    }
}
