using Tracking.Reports.Shared;

namespace Tracking.Reports.Clicks;

/// <summary>A clicks request: the clicks on <see cref="Page"/> in the sessions asked for, at most <see cref="Limit"/> elements.</summary>
public sealed record ClicksQuery(string Page, int Limit, SessionQuery Sessions);
