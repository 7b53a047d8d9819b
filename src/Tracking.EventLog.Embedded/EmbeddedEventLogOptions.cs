namespace Tracking.EventLog.Embedded;

/// <summary>Where and how the embedded event log keeps its data.</summary>
public sealed class EmbeddedEventLogOptions
{
    /// <summary>The folder that holds the log segments, the log's commit records and the consumer offsets.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// Size of one file on disk (a power of two). Disk space is reclaimed a whole segment at a time, so
    /// retention frees space in steps of this size.
    /// </summary>
    public long SegmentSizeBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Size of one in-memory log page (a power of two). A single message must fit in a page, so this also
    /// bounds the message size (page size minus a 4-byte record header).
    /// </summary>
    public long PageSizeBytes { get; init; } = 4L << 20;

    /// <summary>
    /// Memory for the in-memory tail of the log (a power of two, at least two pages). Appends wait for
    /// pages to reach disk when it is full, so it absorbs bursts while the disk catches up.
    /// </summary>
    public long MemorySizeBytes { get; init; } = 64L << 20;

    /// <summary>
    /// How much already-consumed data to keep for replays (<see cref="IEventLogReader.Seek"/>). Data that
    /// every consumer group has committed and that lies more than this many bytes behind the tail is
    /// truncated. Data some group has not committed yet is never truncated, whatever this says.
    /// </summary>
    public long MaxRetainedBytes { get; init; } = 1L << 30;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("A directory is required.", nameof(Directory));
        }

        RequirePowerOfTwo(PageSizeBytes, nameof(PageSizeBytes), min: 4096);
        RequirePowerOfTwo(SegmentSizeBytes, nameof(SegmentSizeBytes), min: PageSizeBytes);
        RequirePowerOfTwo(MemorySizeBytes, nameof(MemorySizeBytes), min: 2 * PageSizeBytes);
        if (PageSizeBytes > 1L << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSizeBytes), PageSizeBytes, "Pages larger than 1 GiB are not supported.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetainedBytes, nameof(MaxRetainedBytes));
    }

    // FasterLog silently rounds sizes down to a power of two; rejecting them keeps the configured value honest.
    private static void RequirePowerOfTwo(long value, string name, long min)
    {
        if (value < min || (value & (value - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be a power of two and at least {min}.");
        }
    }
}
