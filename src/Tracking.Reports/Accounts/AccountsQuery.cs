namespace Tracking.Reports.Accounts;

/// <summary>An accounts report request: risk at <paramref name="To"/>, optionally only one segment or risk level.</summary>
public sealed record AccountsQuery(DateTimeOffset To, string? Segment, string? Risk, AccountsSort Sort, int Limit)
{
    /// <summary>How far before <see cref="To"/> usage counts: the baseline and the recent window.</summary>
    public static readonly TimeSpan Reach = ChurnRisk.RecentSpan + ChurnRisk.BaselineSpan;

    public DateTimeOffset RecentFrom => To - ChurnRisk.RecentSpan;

    public DateTimeOffset BaselineFrom => To - Reach;
}
