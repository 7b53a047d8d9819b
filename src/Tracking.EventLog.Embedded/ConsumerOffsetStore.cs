using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// The committed offset of each consumer group, one small file per group, replaced atomically
/// (write a temporary file, fsync, rename over, fsync the directory): a crash leaves the old or the
/// new offset, never a torn one.
/// </summary>
/// <remarks>
/// Not FasterLog's persisted named iterators: those are saved only as part of a log commit, only while
/// an iterator with that name is open (a group whose reader is closed would lose its offset at the next
/// commit), are limited to 20-character names and cannot be repositioned (Seek) in place.
/// </remarks>
internal sealed class ConsumerOffsetStore
{
    private static readonly string Extension = ".offset";
    private static readonly string TempExtension = ".offset.tmp";
    private static readonly int MaxGroupLength = 200;

    private readonly string _directory;
    private readonly ConcurrentDictionary<string, long> _committed = new(StringComparer.Ordinal);

    // Commits are rare (one per sink batch); one gate keeps concurrent commits of a group in order.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ConsumerOffsetStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var temp in Directory.EnumerateFiles(directory, "*" + TempExtension))
        {
            // A commit that crashed before its rename; the previous offset file is still in place.
            File.Delete(temp);
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var group = Path.GetFileName(path)[..^Extension.Length];
            var text = File.ReadAllText(path, Encoding.ASCII).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                throw new InvalidDataException($"Consumer offset file {path} does not hold an offset: '{text}'.");
            }

            _committed[group] = offset;
        }
    }

    public int Count => _committed.Count;

    /// <summary>Group names become file names, so they are limited to what is safe in one (as Kafka topic names are).</summary>
    public static void ValidateGroup(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        if (group.Length > MaxGroupLength || group is "." or ".." || !group.All(IsAllowed))
        {
            throw new ArgumentException(
                $"Consumer group names are 1-{MaxGroupLength} characters of [A-Za-z0-9._-]: '{group}'.", nameof(group));
        }

        static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
    }

    public bool TryGet(string group, out long offset) => _committed.TryGetValue(group, out offset);

    /// <summary>The smallest committed offset over all groups, or null when no group exists yet.</summary>
    public long? Minimum()
    {
        long? min = null;
        foreach (var (_, offset) in _committed)
        {
            min = min is { } m ? Math.Min(m, offset) : offset;
        }

        return min;
    }

    /// <summary>
    /// Registers a new group at <paramref name="initialOffset"/> durably, so that retention keeps its
    /// data even before its first commit; returns the existing offset for a known group.
    /// </summary>
    public long GetOrCreate(string group, long initialOffset)
    {
        _gate.Wait();
        try
        {
            if (_committed.TryGetValue(group, out var existing))
            {
                return existing;
            }

            Write(group, initialOffset);
            _committed[group] = initialOffset;
            return initialOffset;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask SetAsync(string group, long offset, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Write(group, offset);
            _committed[group] = offset;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Write(string group, long offset)
    {
        var path = Path.Combine(_directory, group + Extension);
        var temp = Path.Combine(_directory, group + TempExtension);
        var bytes = Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "\n");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(_directory);
    }
}
