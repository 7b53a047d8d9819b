using Tracking.Events;

namespace Tracking.Collector.Parsing;

/// <summary>The request body and the scratch buffer that <see cref="Utf8Slice"/>s point into.</summary>
internal readonly struct RequestText(ReadOnlyMemory<byte> body, PooledBufferWriter scratch)
{
    public ReadOnlyMemory<byte> Body => body;

    public PooledBufferWriter Scratch => scratch;

    public ReadOnlySpan<byte> this[Utf8Slice slice] => slice.InScratch
        ? scratch.WrittenSpan.Slice(slice.Start, slice.Length)
        : body.Span.Slice(slice.Start, slice.Length);

    public ReadOnlyMemory<byte> Memory(Utf8Slice slice) => slice.InScratch
        ? scratch.WrittenMemory.Slice(slice.Start, slice.Length)
        : body.Slice(slice.Start, slice.Length);

    /// <summary>Appends UTF-8 text produced by enrichment to the scratch buffer.</summary>
    public Utf8Slice Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        var start = scratch.WrittenCount;
        var length = System.Text.Encoding.UTF8.GetBytes(value, scratch.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(value.Length)));
        scratch.Advance(length);
        return new Utf8Slice(start, length, InScratch: true);
    }
}
