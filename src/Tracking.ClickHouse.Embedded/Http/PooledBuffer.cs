using System.Buffers;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>A growable byte buffer on ArrayPool memory, so request bodies do not churn the large-object heap.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[] _array;

    public PooledBuffer(int initialCapacity = 4096)
    {
        _array = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(Length + bytes.Length);
        bytes.CopyTo(_array.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Reads from <paramref name="source"/> until it ends or the buffer holds <paramref name="limit"/> bytes.</summary>
    /// <returns>True if the source ended.</returns>
    public async Task<bool> FillAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        while (Length < limit)
        {
            EnsureCapacity(Math.Min(limit, Math.Max(Length + 16 * 1024, Length * 2)));
            var read = await source.ReadAsync(_array.AsMemory(Length, Math.Min(_array.Length, limit) - Length), cancellationToken);
            if (read == 0)
            {
                return true;
            }

            Length += read;
        }

        return false;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity <= _array.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, _array.Length * 2));
        _array.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
