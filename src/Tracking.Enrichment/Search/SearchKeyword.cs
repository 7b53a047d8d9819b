namespace Tracking.Enrichment;

/// <summary>
/// The keyword of a page view, exactly as docs/definitions.md defines it: campaign.term (utm_term) if
/// present, else the query of a search-engine referrer, else "(not provided)" for a search referrer without a
/// query, else "(none)".
/// </summary>
public static class SearchKeyword
{
    public const string NotProvided = "(not provided)";
    public const string None = "(none)";

    public static KeywordResult Extract(string? utmTerm, string? referrer)
    {
        var url = UrlParts.Parse(referrer);
        var engine = SearchEngineHosts.Find(url.Host);
        var engineName = engine?.Name ?? SearchEngineNames.None;

        // campaign.term arrives already decoded (the client parsed it from its page URL), so it is only trimmed;
        // decoding it again would corrupt keywords that contain '%' or '+'.
        var term = utmTerm.AsSpan().Trim();
        if (!term.IsEmpty)
        {
            return new KeywordResult(term.Length == utmTerm!.Length ? utmTerm : new string(term), engineName);
        }

        if (engine is null)
        {
            return new KeywordResult(None, SearchEngineNames.None);
        }

        var keyword = QueryOf(engine, url.Query) ?? QueryOf(engine, url.Fragment);
        return new KeywordResult(keyword ?? NotProvided, engineName);
    }

    /// <summary>The lower-cased host of a referrer, or "" when there is none or it is not a URL.</summary>
    public static string ReferrerHost(string? referrer)
    {
        var host = UrlParts.Parse(referrer).Host;
        if (host.IsEmpty)
        {
            return "";
        }

        return host.ContainsAnyInRange('A', 'Z') ? string.Create(host.Length, host, LowerInvariant) : new string(host);
    }

    // The first non-blank keyword parameter; null when the engine's parameters are all missing or blank. Old
    // Google result pages put the query in the fragment (#q=...), hence the same lookup on the fragment.
    private static string? QueryOf(SearchEngine engine, ReadOnlySpan<char> parameters)
    {
        if (parameters.IsEmpty)
        {
            return null;
        }

        var gbk = engine.MayUseGbk && DeclaresGbk(parameters);
        foreach (var name in engine.QueryParameters)
        {
            if (QueryString.TryGetRawValue(parameters, name, out var raw))
            {
                var keyword = UrlDecoder.Decode(raw, gbk);
                if (keyword.Length > 0)
                {
                    return keyword;
                }
            }
        }

        return null;
    }

    // Baidu and Sogou say which encoding the query was submitted in with "ie" (input encoding).
    private static bool DeclaresGbk(ReadOnlySpan<char> parameters)
    {
        if (!QueryString.TryGetRawValue(parameters, "ie", out var ie))
        {
            return false;
        }

        return ie.Equals("gbk", StringComparison.OrdinalIgnoreCase)
            || ie.Equals("gb2312", StringComparison.OrdinalIgnoreCase)
            || ie.Equals("gb18030", StringComparison.OrdinalIgnoreCase);
    }

    private static void LowerInvariant(Span<char> destination, ReadOnlySpan<char> host) =>
        host.ToLowerInvariant(destination);
}
