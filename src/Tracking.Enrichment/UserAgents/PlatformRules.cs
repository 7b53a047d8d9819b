namespace Tracking.Enrichment;

/// <summary>Identifies the operating system and, from it, the device type.</summary>
internal static class PlatformRules
{
    public const string HarmonyOs = "HarmonyOS";
    public const string Ios = "iOS";
    public const string IpadOs = "iPadOS";
    public const string ChromeOs = "ChromeOS";
    public const string Android = "Android";
    public const string Windows = "Windows";
    public const string MacOs = "macOS";
    public const string Linux = "Linux";

    // HarmonyOS 2-4 also says "Android" and iOS says "like Mac OS X", Android says "Linux", ChromeOS says "X11":
    // each OS is checked before the ones its User-Agent imitates.
    public static string Os(ReadOnlySpan<char> ua)
    {
        if (Has(ua, "HarmonyOS") || Has(ua, "OpenHarmony"))
        {
            return HarmonyOs;
        }

        if (Has(ua, "iPad"))
        {
            return IpadOs;
        }

        if (Has(ua, "iPhone") || Has(ua, "iPod"))
        {
            return Ios;
        }

        if (Has(ua, "CrOS"))
        {
            return ChromeOs;
        }

        if (Has(ua, "Android"))
        {
            return Android;
        }

        if (Has(ua, "Windows"))
        {
            return Windows;
        }

        if (Has(ua, "Macintosh") || Has(ua, "Mac OS X"))
        {
            return MacOs;
        }

        return Has(ua, "Linux") || Has(ua, "X11") ? Linux : UserAgentRules.Other;
    }

    public static string DeviceType(ReadOnlySpan<char> ua, string os) => os switch
    {
        IpadOs => DeviceTypes.Tablet,
        Ios => DeviceTypes.Mobile,

        // Google's guidance: phones put "Mobile" in the UA, tablets leave it out; Firefox says "Tablet".
        Android => Has(ua, "Tablet") || !Has(ua, "Mobile") ? DeviceTypes.Tablet : DeviceTypes.Mobile,

        // HarmonyOS NEXT names the form factor: "(Phone; OpenHarmony 5.0)", "(Tablet; ...)", "(PC; ...)".
        HarmonyOs => Has(ua, "Tablet") ? DeviceTypes.Tablet
            : Has(ua, "Mobile") || Has(ua, "Phone") ? DeviceTypes.Mobile
            : Has(ua, "(PC;") ? DeviceTypes.Desktop
            : Has(ua, "Android") ? DeviceTypes.Tablet
            : DeviceTypes.Mobile,
        Windows or MacOs or ChromeOs => DeviceTypes.Desktop,
        Linux => Has(ua, "Mobile") ? DeviceTypes.Mobile : DeviceTypes.Desktop,
        _ => Has(ua, "Mobi") ? DeviceTypes.Mobile : DeviceTypes.Other,
    };

    private static bool Has(ReadOnlySpan<char> ua, string token) => ua.Contains(token, StringComparison.Ordinal);
}
