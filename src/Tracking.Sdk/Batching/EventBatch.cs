using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Batching;

/// <summary>
/// Serialized events ready to send: newline-delimited JSON, one event a line (the on-disk format too),
/// plus the flush requests waiting for this batch.
/// </summary>
internal sealed class EventBatch
{
    public EventBatch(byte[]? data, int count, List<FlushMarker>? markers)
    {
        Data = data;
        Count = count;
        Markers = markers;
    }

    /// <summary>The NDJSON bytes; null while a recovered batch still sits on disk only.</summary>
    public byte[]? Data { get; set; }

    public int Count { get; set; }

    public List<FlushMarker>? Markers { get; }

    /// <summary>Where the batch is stored, when the disk buffer is on.</summary>
    public string? FilePath { get; set; }

    public long SizeOnDisk { get; set; }

    /// <summary>The events' JSON, one slice each.</summary>
    public static List<ReadOnlyMemory<byte>> Split(byte[] data)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        while (start < data.Length)
        {
            var end = Array.IndexOf(data, (byte)'\n', start);
            if (end < 0)
            {
                end = data.Length;
            }

            if (end > start)
            {
                events.Add(data.AsMemory(start, end - start));
            }

            start = end + 1;
        }

        return events;
    }
}
