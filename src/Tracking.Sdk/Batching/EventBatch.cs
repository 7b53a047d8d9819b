using System.Buffers;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Batching;

/// <summary>
/// Serialized events ready to send: newline-delimited JSON, one event a line (the on-disk format too),
/// plus the flush requests waiting for this batch. The bytes are usually rented from the shared pool
/// and returned by <see cref="Release"/> once the collector has answered.
/// </summary>
internal sealed class EventBatch
{
    private byte[]? _data;
    private bool _pooled;

    public EventBatch(byte[]? data, int length, int count, List<FlushMarker>? markers, bool pooled = false)
    {
        _data = data;
        Length = length;
        Count = count;
        Markers = markers;
        _pooled = pooled;
    }

    /// <summary>True while the bytes are in memory (a stored batch may have only its file).</summary>
    public bool HasData => _data is not null;

    /// <summary>The NDJSON bytes.</summary>
    public ReadOnlyMemory<byte> Payload => _data.AsMemory(0, Length);

    public int Length { get; private set; }

    public int Count { get; private set; }

    public List<FlushMarker>? Markers { get; }

    /// <summary>Where the batch is stored, when the disk buffer is on.</summary>
    public string? FilePath { get; set; }

    public long SizeOnDisk { get; set; }

    /// <summary>Takes bytes read back from disk.</summary>
    public void Load(byte[] data)
    {
        Release();
        _data = data;
        Length = data.Length;
        var count = 0;
        foreach (var b in data)
        {
            if (b == (byte)'\n')
            {
                count++;
            }
        }

        Count = count;
    }

    /// <summary>Gives the bytes back to the pool; the batch keeps its count and file.</summary>
    public void Release()
    {
        if (_pooled && _data is not null)
        {
            ArrayPool<byte>.Shared.Return(_data);
        }

        _data = null;
        _pooled = false;
    }

    /// <summary>The events' JSON, one slice each, into <paramref name="events"/> (cleared first).</summary>
    public static void Split(ReadOnlyMemory<byte> payload, List<ReadOnlyMemory<byte>> events)
    {
        events.Clear();
        var span = payload.Span;
        var start = 0;
        while (start < span.Length)
        {
            var length = span[start..].IndexOf((byte)'\n');
            if (length < 0)
            {
                length = span.Length - start;
            }

            if (length > 0)
            {
                events.Add(payload.Slice(start, length));
            }

            start += length + 1;
        }
    }
}
