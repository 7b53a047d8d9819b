namespace Tracking.Enrichment;

/// <summary>The uncached classification: bots first, then browser, OS and device type.</summary>
internal static class UserAgentRules
{
    public const string Other = "Other";

    public static UserAgentInfo Classify(ReadOnlySpan<char> userAgent)
    {
        if (BotRules.TryMatch(userAgent, out var bot))
        {
            return bot;
        }

        var (browser, version) = BrowserRules.Match(userAgent);
        var os = PlatformRules.Os(userAgent);
        return new UserAgentInfo(browser, version, os, PlatformRules.DeviceType(userAgent, os), IsBot: false);
    }
}
