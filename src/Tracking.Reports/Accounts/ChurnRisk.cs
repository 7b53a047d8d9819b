using System.Globalization;

namespace Tracking.Reports.Accounts;

/// <summary>
/// Churn risk at a time, as docs/definitions.md defines it: recent = the 14 days before it, baseline = the 28
/// before those; dormant without usage in either, new without usage in the baseline, high when the recent
/// daily rate is at most half the baseline's, medium at most 0.8 of it, else low. Compared in whole numbers
/// (recent / 14 ≤ f · baseline / 28 ⇔ 2 · recent ≤ f · baseline), so a rate exactly at a threshold counts as reaching it.
/// </summary>
public static class ChurnRisk
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string New = "new";
    public const string Dormant = "dormant";

    /// <summary>Most at risk first: the order of sort=risk. Dormant accounts have already gone quiet; new ones have no baseline yet.</summary>
    public static readonly string[] All = [High, Medium, Dormant, New, Low];

    public static readonly TimeSpan RecentSpan = TimeSpan.FromDays(14);
    public static readonly TimeSpan BaselineSpan = TimeSpan.FromDays(28);

    public static string Of(long recent, long baseline) =>
        (recent, baseline) switch
        {
            (0, 0) => Dormant,
            (_, 0) => New,
            _ when 4 * recent <= baseline => High, // 2 · recent ≤ 0.5 · baseline
            _ when 5 * recent <= 2 * baseline => Medium, // 2 · recent ≤ 0.8 · baseline
            _ => Low,
        };

    /// <summary>The recent daily rate in percent of the baseline's, rounded half up (baseline &gt; 0).</summary>
    public static long PercentOfBaseline(long recent, long baseline) =>
        (long)Math.Round(200m * recent / baseline, MidpointRounding.AwayFromZero);

    /// <summary>Why an account has its level, in words; <paramref name="dropped"/> are features used in the baseline but not recently.</summary>
    public static List<string> Reasons(long recent, long baseline, IEnumerable<string> dropped)
    {
        var level = Of(recent, baseline);
        var reasons = new List<string>();
        if (level == Dormant)
        {
            reasons.Add("no usage events in the last 42 days");
            return reasons;
        }

        if (level == New)
        {
            reasons.Add(Format($"no usage events in the 28-day baseline; {recent} in the last 14 days"));
            return reasons;
        }

        var percent = PercentOfBaseline(recent, baseline);
        reasons.Add(
            recent == 0 ? Format($"no usage events in the last 14 days, after {baseline} in the 28 before")
            : level is High or Medium ? Format($"usage fell to {percent}% of its 28-day baseline rate")
            : percent > 100 ? Format($"usage rose to {percent}% of its 28-day baseline rate")
            : Format($"usage at {percent}% of its 28-day baseline rate"));
        if (recent > 0)
        {
            reasons.AddRange(dropped.Select(feature => $"{feature} not used in 14 days"));
        }

        return reasons;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
