namespace Tracking.Collector.Parsing;

/// <summary>
/// Where a parsed string value lives: in the request body when it had no JSON escapes (the common case),
/// else unescaped in the request's scratch buffer. Offsets, not spans, so buffers may grow meanwhile.
/// </summary>
internal readonly record struct Utf8Slice(int Start, int Length, bool InScratch)
{
    public bool IsEmpty => Length == 0;
}
