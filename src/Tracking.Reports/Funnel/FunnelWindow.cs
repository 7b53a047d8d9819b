using System.Globalization;

namespace Tracking.Reports.Funnel;

/// <summary>How long after its entering event a unit may take to reach the last step: seconds, or a number with s, m, h or d.</summary>
public static class FunnelWindow
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(14);
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    public static TimeSpan? Parse(string text)
    {
        if (text.Length == 0)
        {
            return Default;
        }

        var unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => (TimeSpan?)null,
        };
        var number = unit is null ? text : text[..^1];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > Max.TotalSeconds)
        {
            return null;
        }

        var window = (unit ?? TimeSpan.FromSeconds(1)) * count;
        return window <= Max ? window : null;
    }
}
