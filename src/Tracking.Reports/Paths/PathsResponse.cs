namespace Tracking.Reports.Paths;

/// <summary>
/// The paths report's HTTP answer: the start page (null: the landing pages), the sessions whose paths it
/// follows, and the links level by level.
/// </summary>
public sealed record PathsResponse(string? Start, long Sessions, IReadOnlyList<PathLink> Links);

/// <summary>
/// A link at <see cref="Level"/> i: the sessions whose path element i-1 is <see cref="From"/> and element i is
/// <see cref="To"/>, or (exit) where their path ends; (other) stands for the targets past a node's top 20.
/// </summary>
public sealed record PathLink(int Level, string From, string To, long Sessions);
