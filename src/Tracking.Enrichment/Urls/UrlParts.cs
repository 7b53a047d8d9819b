using System.Buffers;

namespace Tracking.Enrichment;

/// <summary>
/// Splits a URL into host, query and fragment without allocating. Referrers arrive as untrusted client text, so
/// this is deliberately lenient (no scheme, "//host", userinfo, ports) and never throws; System.Uri would allocate
/// and reject some inputs browsers happily send.
/// </summary>
internal readonly ref struct UrlParts
{
    public ReadOnlySpan<char> Host { get; private init; }

    public ReadOnlySpan<char> Query { get; private init; }

    public ReadOnlySpan<char> Fragment { get; private init; }

    public static UrlParts Parse(ReadOnlySpan<char> url)
    {
        url = url.Trim();
        var rest = AfterScheme(url);
        var authorityEnd = rest.IndexOfAny(AuthorityEnd);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? [] : rest[authorityEnd..];

        var fragmentStart = tail.IndexOf('#');
        var fragment = fragmentStart < 0 ? [] : tail[(fragmentStart + 1)..];
        var beforeFragment = fragmentStart < 0 ? tail : tail[..fragmentStart];
        var queryStart = beforeFragment.IndexOf('?');
        var query = queryStart < 0 ? [] : beforeFragment[(queryStart + 1)..];

        return new UrlParts { Host = HostOf(authority), Query = query, Fragment = fragment };
    }

    private static ReadOnlySpan<char> AfterScheme(ReadOnlySpan<char> url)
    {
        var separator = url.IndexOf("://");
        if (separator > 0 && IsScheme(url[..separator]))
        {
            return url[(separator + 3)..];
        }

        return url.StartsWith("//") ? url[2..] : url;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    // Returns "" when the authority holds anything that cannot be a host name, so garbage never becomes a host.
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        var hostAndPort = at < 0 ? authority : authority[(at + 1)..];

        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']');
            if (close < 0)
            {
                return [];
            }

            var literal = hostAndPort[..(close + 1)];
            return literal[1..^1].ContainsAnyExcept(Ipv6Chars) ? [] : literal;
        }

        var colon = hostAndPort.IndexOf(':');
        var host = colon < 0 ? hostAndPort : hostAndPort[..colon];
        host = host.TrimEnd('.'); // "www.google.com." is the same host written fully qualified.
        return host.ContainsAnyExcept(HostChars) ? [] : host;
    }

    // Browsers treat '\\' like '/' in http URLs.
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/?#\\");

    private static readonly SearchValues<char> HostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    private static readonly SearchValues<char> Ipv6Chars =
        SearchValues.Create("0123456789abcdefABCDEF:.");
}
