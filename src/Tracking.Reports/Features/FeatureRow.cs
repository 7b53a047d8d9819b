namespace Tracking.Reports.Features;

/// <summary>
/// One feature over the range: the accounts, users and usage events that used it; <see cref="AccountShare"/> = its
/// accounts / the accounts with any usage event in the range, and per segment of that segment's.
/// </summary>
public sealed record FeatureRow(string Feature, long Accounts, long Users, long Events, double AccountShare, IReadOnlyDictionary<string, SegmentShare> BySegment);

/// <summary>A feature's accounts in one segment, and their share of that segment's accounts with usage.</summary>
public sealed record SegmentShare(long Accounts, double AccountShare);

/// <summary>
/// The features report's HTTP answer: <see cref="Total"/> features, the first <c>limit</c> in <see cref="Rows"/>;
/// <see cref="ActiveAccounts"/> (and per segment) are the accounts with any usage event in the range, the shares' denominators.
/// </summary>
public sealed record FeaturesResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    long Total,
    long ActiveAccounts,
    IReadOnlyDictionary<string, long> ActiveAccountsBySegment,
    IReadOnlyList<FeatureRow> Rows);
