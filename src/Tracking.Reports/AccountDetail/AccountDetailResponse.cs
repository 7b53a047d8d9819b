using System.Text.Json;

namespace Tracking.Reports.AccountDetail;

/// <summary>
/// One account over a range: its traits and segment (of its latest group call; <see cref="FirstSeen"/> is its first,
/// null when no group call named it), the users with usage events, usage events per UTC day, its features with
/// first and last use, and per key path the furthest step reached.
/// </summary>
public sealed record AccountDetailResponse(
    string Account,
    string Name,
    string Segment,
    JsonElement Traits,
    DateTimeOffset? FirstSeen,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<AccountUser> Users,
    IReadOnlyList<AccountDay> Daily,
    IReadOnlyList<AccountFeature> Features,
    IReadOnlyList<KeyPathProgress> KeyPaths);

/// <summary>A user of the account (userId, else anonymousId) and their usage events in the range.</summary>
public sealed record AccountUser(string User, long Events, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>A UTC day (yyyy-MM-dd) of the range: the account's usage events and distinct users that day.</summary>
public sealed record AccountDay(string Day, long Events, long Users);

/// <summary>A feature the account used in the range: events, users, first and last use.</summary>
public sealed record AccountFeature(string Feature, long Events, long Users, DateTimeOffset FirstUsed, DateTimeOffset LastUsed);

/// <summary>The furthest step (highest step_index) the account reached on a key path in the range, and when it first did.</summary>
public sealed record KeyPathProgress(string KeyPath, string Step, long StepIndex, DateTimeOffset ReachedAt);
