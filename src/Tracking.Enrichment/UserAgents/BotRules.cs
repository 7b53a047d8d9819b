using System.Buffers;

namespace Tracking.Enrichment;

/// <summary>
/// Recognises crawlers, HTTP libraries and headless browsers. Named bots come before the generic words because
/// their names contain those words (Baiduspider, PetalBot) and reports group bots by name.
/// </summary>
internal static class BotRules
{
    private static readonly string GenericBot = "Other Bot";

    // Token (matched case-insensitively) and the name reported as Browser.
    private static readonly (string Token, string Name)[] Named =
    [
        ("Googlebot", "Googlebot"),
        ("bingbot", "Bingbot"),
        ("Baiduspider", "Baiduspider"),
        ("YandexBot", "YandexBot"),
        ("Sogou web spider", "Sogou Spider"),
        ("Sogou inst spider", "Sogou Spider"),
        ("Sogou spider", "Sogou Spider"),
        ("360Spider", "360Spider"),
        ("Bytespider", "Bytespider"),
        ("PetalBot", "PetalBot"),
        ("AhrefsBot", "AhrefsBot"),
        ("SemrushBot", "SemrushBot"),
        ("facebookexternalhit", "facebookexternalhit"),
        ("HeadlessChrome", "HeadlessChrome"),
        ("PhantomJS", "PhantomJS"),
        ("Lighthouse", "Lighthouse"),
        ("curl/", "curl"),
        ("Wget/", "Wget"),
        ("python-requests", "python-requests"),
        ("Go-http-client", "Go-http-client"),
        ("okhttp", "okhttp"),
        ("Java/", "Java"),
    ];

    // Case-insensitive span IndexOf is a scalar loop (microseconds per call on a long UA); SearchValues<string>
    // searches vectorised, so every token gets one, and one combined set rejects ordinary browsers in one pass.
    private static readonly (SearchValues<string> Token, int Length, bool HasVersion, string Name)[] NamedSearch =
        Array.ConvertAll(Named, rule => (IgnoreCase(rule.Token), rule.Token.Length, rule.Token.EndsWith('/'), rule.Name));

    private static readonly SearchValues<string> BotWord = IgnoreCase("bot");
    private static readonly SearchValues<string> CrawlerWords = SearchValues.Create(["crawler", "spider", "slurp"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> AnyToken = SearchValues.Create(
        [.. Array.ConvertAll(Named, rule => rule.Token), "bot", "crawler", "spider", "slurp"], StringComparison.OrdinalIgnoreCase);

    public static bool TryMatch(ReadOnlySpan<char> userAgent, out UserAgentInfo info)
    {
        if (userAgent.IsWhiteSpace())
        {
            // Every real browser sends a User-Agent; an empty one is a script.
            info = Bot(UserAgentRules.Other, "");
            return true;
        }

        if (userAgent.IndexOfAny(AnyToken) < 0)
        {
            info = default;
            return false;
        }

        foreach (var (token, length, hasVersion, name) in NamedSearch)
        {
            var at = userAgent.IndexOfAny(token);
            if (at >= 0)
            {
                var end = at + length;
                var version = hasVersion ? VersionText.MajorAt(userAgent, end)
                    : end < userAgent.Length && userAgent[end] == '/' ? VersionText.MajorAt(userAgent, end + 1)
                    : "";
                info = Bot(name, version);
                return true;
            }
        }

        if (ContainsBotWord(userAgent) || userAgent.IndexOfAny(CrawlerWords) >= 0)
        {
            info = Bot(GenericBot, "");
            return true;
        }

        info = default;
        return false;
    }

    // "bot" anywhere, except in the phone brand CUBOT, whose ordinary Android browsers would otherwise count as bots.
    private static bool ContainsBotWord(ReadOnlySpan<char> userAgent)
    {
        var rest = userAgent;
        while (true)
        {
            var at = rest.IndexOfAny(BotWord);
            if (at < 0)
            {
                return false;
            }

            if (at < 2 || !rest.Slice(at - 2, 2).Equals("cu", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            rest = rest[(at + 3)..];
        }
    }

    private static SearchValues<string> IgnoreCase(string token) =>
        SearchValues.Create([token], StringComparison.OrdinalIgnoreCase);

    private static UserAgentInfo Bot(string name, string version) =>
        new(name, version, UserAgentRules.Other, DeviceTypes.Bot, IsBot: true);
}
