namespace Tracking.Enrichment;

/// <summary>
/// Identifies the browser and its major version. Order matters: Chinese browsers, in-app browsers and Chromium
/// derivatives all also say "Chrome/" and "Safari/", so the most specific token is checked first.
/// </summary>
internal static class BrowserRules
{
    // Token (matched ordinally, as browsers spell them) immediately followed by the version.
    private static readonly (string Token, string Name)[] Ordered =
    [
        ("MicroMessenger/", "WeChat"),
        ("baiduboxapp/", "Baidu"),
        ("baidubrowser/", "Baidu"),
        ("Quark/", "Quark"),
        ("UCBrowser/", "UC Browser"),
        ("QQBrowser/", "QQ Browser"), // also matches the mobile "MQQBrowser/"
        ("HuaweiBrowser/", "Huawei Browser"),
        ("MiuiBrowser/", "MIUI Browser"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("YaBrowser/", "Yandex"),
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("EdgiOS/", "Edge"),
        ("Edge/", "Edge"), // EdgeHTML, before Chromium
        ("OPR/", "Opera"),
        ("OPiOS/", "Opera"),
        ("OPT/", "Opera"),
        ("MSIE ", "IE"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
    ];

    public static (string Name, string Version) Match(ReadOnlySpan<char> userAgent)
    {
        foreach (var (token, name) in Ordered)
        {
            var at = userAgent.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                return (name, VersionText.MajorAt(userAgent, at + token.Length));
            }
        }

        // IE 11 dropped "MSIE" and reports its version as "rv:11.0".
        if (userAgent.Contains("Trident/", StringComparison.Ordinal))
        {
            return ("IE", VersionAfter(userAgent, "rv:"));
        }

        // Presto-era Opera froze "Opera/9.80" and moved the real version to "Version/".
        if (userAgent.Contains("Opera", StringComparison.Ordinal))
        {
            var version = VersionAfter(userAgent, "Version/");
            return ("Opera", version.Length > 0 ? version : VersionAfter(userAgent, "Opera/"));
        }

        if (userAgent.Contains("Safari/", StringComparison.Ordinal))
        {
            return ("Safari", VersionAfter(userAgent, "Version/"));
        }

        return (UserAgentRules.Other, "");
    }

    private static string VersionAfter(ReadOnlySpan<char> userAgent, string token)
    {
        var at = userAgent.IndexOf(token, StringComparison.Ordinal);
        return at < 0 ? "" : VersionText.MajorAt(userAgent, at + token.Length);
    }
}
