using System.Collections.Concurrent;

namespace Tracking.Enrichment;

/// <summary>
/// Parses User-Agent strings with a small ordered rule set (no UA library is available to us) and caches the
/// results: a few hundred UA strings make up nearly all traffic, so the hot path is one dictionary probe by span,
/// which allocates nothing. Thread-safe; create one per process.
/// </summary>
public sealed class UserAgentParser
{
    private static readonly int DefaultCapacity = 10_000;

    // Longer strings are almost always junk or attacks; parse them but do not let them occupy the cache.
    private static readonly int MaxCachedLength = 1_024;

    private readonly ConcurrentDictionary<string, UserAgentInfo> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserAgentInfo>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;
    private int _count;

    public UserAgentParser()
        : this(DefaultCapacity)
    {
    }

    /// <param name="capacity">Entries kept before the cache is cleared and refilled by current traffic.</param>
    public UserAgentParser(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _bySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of cached User-Agent strings (approximate under concurrent use).</summary>
    public int CachedCount => Volatile.Read(ref _count);

    public UserAgentInfo Parse(ReadOnlySpan<char> userAgent)
    {
        if (_bySpan.TryGetValue(userAgent, out var cached))
        {
            return cached;
        }

        var info = UserAgentRules.Classify(userAgent);
        if (userAgent.Length <= MaxCachedLength)
        {
            Remember(userAgent, info);
        }

        return info;
    }

    private void Remember(ReadOnlySpan<char> userAgent, UserAgentInfo info)
    {
        // Clearing rather than refusing new entries lets the cache follow browser releases in a long-running
        // process; the count may drift slightly under races, which only moves the bound a little.
        if (Volatile.Read(ref _count) >= _capacity)
        {
            _cache.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_bySpan.TryAdd(userAgent, info))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
