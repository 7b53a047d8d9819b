namespace Tracking.Enrichment;

/// <summary>Finds parameters in an application/x-www-form-urlencoded query without allocating.</summary>
internal static class QueryString
{
    /// <summary>
    /// The raw (still encoded) value of the first parameter named <paramref name="name"/>; a parameter without
    /// "=" has an empty value.
    /// </summary>
    public static bool TryGetRawValue(ReadOnlySpan<char> query, ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (key.SequenceEqual(name))
            {
                value = equals < 0 ? [] : pair[(equals + 1)..];
                return true;
            }
        }

        value = [];
        return false;
    }

    /// <summary>The query part of a URL (between '?' and '#'), or the whole input when it is a bare query.</summary>
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> urlOrQuery)
    {
        var question = urlOrQuery.IndexOf('?');
        var query = question < 0 ? urlOrQuery : urlOrQuery[(question + 1)..];
        var hash = query.IndexOf('#');
        return hash < 0 ? query : query[..hash];
    }
}
