using System.Text.Json;

namespace Tracking.Reports.Accounts;

/// <summary>
/// One account of the accounts report at <c>to</c>. Recent = the 14 days before to, baseline = the 28 before those;
/// events are usage events. <see cref="DailyEvents"/> has 42 days of usage events, the first starting 42 days before to.
/// </summary>
public sealed record AccountRow(
    string Account,
    string Name,
    string Segment,
    JsonElement Traits,
    long ActiveUsers,
    long RecentEvents,
    long BaselineEvents,
    DateTimeOffset? LastSeen,
    string ChurnRisk,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<FeatureEvents> TopFeatures,
    IReadOnlyList<long> DailyEvents);

/// <summary>A feature and how many usage events of it.</summary>
public sealed record FeatureEvents(string Feature, long Events);

/// <summary>The accounts report's HTTP answer: <see cref="Total"/> accounts match, the first <c>limit</c> of them in <see cref="Rows"/>.</summary>
public sealed record AccountsResponse(DateTimeOffset To, long Total, IReadOnlyList<AccountRow> Rows);
