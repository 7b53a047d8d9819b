namespace Tracking.Enrichment;

/// <summary>
/// Maps a referrer host to the search engine that owns it. Only search front-ends count: mail.google.com or
/// tieba.baidu.com are not searches, so their visits must not be reported as "(not provided)".
/// </summary>
internal static class SearchEngineHosts
{
    public static SearchEngine? Find(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return null;
        }

        if (IsAny(host, "baidu.com", "www.baidu.com", "m.baidu.com", "wap.baidu.com"))
        {
            return SearchEngine.Baidu;
        }

        if (IsAny(host, "so.com", "www.so.com", "m.so.com"))
        {
            return SearchEngine.So360;
        }

        if (IsAny(host, "sogou.com", "www.sogou.com", "m.sogou.com", "wap.sogou.com"))
        {
            return SearchEngine.Sogou;
        }

        // cn.bing.com is the Bing most Chinese visitors use; the other subdomains are regional front-ends too.
        if (IsDomainOrSubdomain(host, "bing.com"))
        {
            return SearchEngine.Bing;
        }

        if (IsDomainOrSubdomain(host, "duckduckgo.com"))
        {
            return SearchEngine.DuckDuckGo;
        }

        if (IsDomainOrSubdomain(host, "search.yahoo.com"))
        {
            return SearchEngine.Yahoo;
        }

        var site = StripPrefix(host, "www.");
        if (IsBrandWithCountryTld(site, "google."))
        {
            return SearchEngine.Google;
        }

        // Yandex moved its search front-end to ya.ru in 2023.
        if (IsBrandWithCountryTld(site, "yandex.") || site.Equals("ya.ru", StringComparison.OrdinalIgnoreCase))
        {
            return SearchEngine.Yandex;
        }

        return null;
    }

    private static bool IsAny(ReadOnlySpan<char> host, string a, string b, string c, string d = "") =>
        host.Equals(a, StringComparison.OrdinalIgnoreCase)
        || host.Equals(b, StringComparison.OrdinalIgnoreCase)
        || host.Equals(c, StringComparison.OrdinalIgnoreCase)
        || (d.Length > 0 && host.Equals(d, StringComparison.OrdinalIgnoreCase));

    private static bool IsDomainOrSubdomain(ReadOnlySpan<char> host, string domain)
    {
        if (!host.EndsWith(domain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Length == domain.Length || host[host.Length - domain.Length - 1] == '.';
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> host, string prefix) =>
        host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? host[prefix.Length..] : host;

    // google.de, google.com.hk, google.co.uk: the brand followed by one or two short alphabetic labels. This
    // rejects look-alikes such as google.example.com.
    private static bool IsBrandWithCountryTld(ReadOnlySpan<char> site, string brandWithDot)
    {
        if (!site.StartsWith(brandWithDot, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var tld = site[brandWithDot.Length..];
        var dot = tld.IndexOf('.');
        if (dot < 0)
        {
            return IsShortLabel(tld);
        }

        return IsShortLabel(tld[..dot]) && IsShortLabel(tld[(dot + 1)..]);
    }

    private static bool IsShortLabel(ReadOnlySpan<char> label) =>
        label.Length is >= 2 and <= 3 && IsAsciiLetters(label);

    private static bool IsAsciiLetters(ReadOnlySpan<char> label)
    {
        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
