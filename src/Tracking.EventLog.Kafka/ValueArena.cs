using Confluent.Kafka;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// Deserializes message values into slices of one reused buffer instead of an array per message. The
/// contract keeps a value valid only until the next read, so <see cref="Reset"/> at the start of each
/// read recycles the space. Used only on the reader's consume thread.
/// </summary>
internal sealed class ValueArena : IDeserializer<ReadOnlyMemory<byte>>
{
    private byte[] _buffer;
    private int _used;

    public ValueArena(int initialBytes) => _buffer = new byte[initialBytes];

    public void Reset() => _used = 0;

    public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull || data.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (_used + data.Length > _buffer.Length)
        {
            // Slices handed out earlier in this read keep the old buffer alive until the next read.
            _buffer = new byte[Math.Max(data.Length, _buffer.Length * 2)];
            _used = 0;
        }

        var slice = _buffer.AsMemory(_used, data.Length);
        data.CopyTo(slice.Span);
        _used += data.Length;
        return slice;
    }
}
