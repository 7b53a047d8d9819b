namespace Tracking.Collector.Enrichment;

/// <summary>Span-level URL slicing for the few parts enrichment needs, without building a Uri.</summary>
internal static class UrlParts
{
    /// <summary>The path of an absolute or relative URL ("/" when it has none), as a range of <paramref name="url"/>.</summary>
    public static Range Path(ReadOnlySpan<byte> url)
    {
        var start = 0;
        var scheme = url.IndexOf("://"u8);
        if (scheme >= 0)
        {
            var slash = url[(scheme + 3)..].IndexOfAny((byte)'/', (byte)'?', (byte)'#');
            if (slash < 0 || url[scheme + 3 + slash] != (byte)'/')
            {
                return new Range(0, 0);
            }

            start = scheme + 3 + slash;
        }

        var end = url[start..].IndexOfAny((byte)'?', (byte)'#');
        return new Range(start, end < 0 ? url.Length : start + end);
    }

    /// <summary>True when the URL's query may carry UTM parameters.</summary>
    public static bool MayHaveCampaign(ReadOnlySpan<byte> url) => url.IndexOf("utm_"u8) >= 0;
}
