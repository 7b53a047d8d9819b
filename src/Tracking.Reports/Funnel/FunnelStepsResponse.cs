namespace Tracking.Reports.Funnel;

/// <summary>
/// The steps a funnel can be built from in a range: page paths and track event names with how many events
/// (top <c>limit</c> of each, most first; <c>pagesTotal</c> and <c>eventsTotal</c> say how many there are in
/// all), and the key paths with their steps in step_index order.
/// </summary>
public sealed record FunnelStepsResponse(
    long PagesTotal,
    IReadOnlyList<FunnelStepChoice> Pages,
    long EventsTotal,
    IReadOnlyList<FunnelStepChoice> Events,
    IReadOnlyList<FunnelKeyPath> KeyPaths);

/// <summary>A page path or event name, its step as the funnel takes it, and its events in the range.</summary>
public sealed record FunnelStepChoice(string Value, string Step, long Events);

public sealed record FunnelKeyPath(string Name, IReadOnlyList<string> Steps);
