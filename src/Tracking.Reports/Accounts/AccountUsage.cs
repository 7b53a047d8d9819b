namespace Tracking.Reports.Accounts;

/// <summary>What the accounts report reads per account from its usage events in the 42 days before to.</summary>
internal sealed class AccountUsage
{
    public long Recent { get; set; }

    public long Baseline { get; set; }

    public long ActiveUsers { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public List<(string Feature, long Recent, long Baseline)> Features { get; } = [];

    public long[] Daily { get; } = new long[(int)AccountsQuery.Reach.TotalDays];

    public static readonly AccountUsage None = new();

    /// <summary>The most used features over the 42 days, most events first, ties by name.</summary>
    public IReadOnlyList<FeatureEvents> TopFeatures(int count) =>
        Features.Select(f => new FeatureEvents(f.Feature, f.Recent + f.Baseline))
            .OrderByDescending(f => f.Events).ThenBy(f => f.Feature, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    /// <summary>Features used in the baseline but not recently, the most used first.</summary>
    public IEnumerable<string> DroppedFeatures(int count) =>
        Features.Where(f => f.Baseline > 0 && f.Recent == 0)
            .OrderByDescending(f => f.Baseline).ThenBy(f => f.Feature, StringComparer.Ordinal)
            .Take(count)
            .Select(f => f.Feature);
}
