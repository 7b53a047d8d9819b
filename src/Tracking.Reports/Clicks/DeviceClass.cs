using System.Globalization;

namespace Tracking.Reports.Clicks;

/// <summary>
/// The device class of a click's viewport width `vw` in CSS pixels: below 768 mobile, below 1024 tablet, else
/// desktop. A click without a width (not the snippet's) has none and is on no heatmap.
/// </summary>
public static class DeviceClass
{
    public const int TabletFrom = 768;
    public const int DesktopFrom = 1024;

    public static readonly string[] All = ["desktop", "tablet", "mobile"];

    /// <summary>SQL of the class of the width in <paramref name="width"/>, '' without one.</summary>
    public static string Sql(string width) =>
        string.Create(CultureInfo.InvariantCulture, $"multiIf({width} <= 0, '', {width} < {TabletFrom}, 'mobile', {width} < {DesktopFrom}, 'tablet', 'desktop')");
}
