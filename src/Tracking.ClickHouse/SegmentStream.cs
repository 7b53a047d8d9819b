namespace Tracking.ClickHouse;

/// <summary>A read-only stream over memory segments in order, so a block is sent without joining its columns.</summary>
internal sealed class SegmentStream(ReadOnlyMemory<byte>[] segments) : Stream
{
    private int _segment;
    private int _offset;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => segments.Sum(s => (long)s.Length);

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var copied = 0;
        while (copied < buffer.Length && _segment < segments.Length)
        {
            var rest = segments[_segment].Span[_offset..];
            var n = Math.Min(rest.Length, buffer.Length - copied);
            rest[..n].CopyTo(buffer[copied..]);
            copied += n;
            _offset += n;
            if (_offset == segments[_segment].Length)
            {
                _segment++;
                _offset = 0;
            }
        }

        _position += copied;
        return copied;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
