namespace Tracking.Enrichment;

/// <summary>
/// Reads utm_* parameters from a page URL, for clients that send context.page.url but no context.campaign.
/// </summary>
public static class CampaignParser
{
    /// <summary>
    /// Accepts a full URL or a bare query ("utm_source=x&amp;..."). The first non-blank occurrence of each parameter wins;
    /// names match case-insensitively because hand-built campaign links often say UTM_Source.
    /// </summary>
    public static Campaign FromQuery(ReadOnlySpan<char> urlOrQuery)
    {
        string? source = null, medium = null, name = null, term = null, content = null;
        var query = QueryString.Of(urlOrQuery);
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals <= 4 || !pair.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = pair[4..equals];
            var value = pair[(equals + 1)..];
            if (key.Equals("source", StringComparison.OrdinalIgnoreCase))
            {
                source ??= Decode(value);
            }
            else if (key.Equals("medium", StringComparison.OrdinalIgnoreCase))
            {
                medium ??= Decode(value);
            }
            else if (key.Equals("campaign", StringComparison.OrdinalIgnoreCase))
            {
                name ??= Decode(value);
            }
            else if (key.Equals("term", StringComparison.OrdinalIgnoreCase))
            {
                term ??= Decode(value);
            }
            else if (key.Equals("content", StringComparison.OrdinalIgnoreCase))
            {
                content ??= Decode(value);
            }
        }

        return new Campaign(source, medium, name, term, content);
    }

    private static string? Decode(ReadOnlySpan<char> raw)
    {
        var text = UrlDecoder.Decode(raw);
        return text.Length == 0 ? null : text;
    }
}
