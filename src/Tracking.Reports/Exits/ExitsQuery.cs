using Tracking.Reports.Shared;

namespace Tracking.Reports.Exits;

/// <summary>An exits request: the top <see cref="Limit"/> pages by <see cref="Sort"/> of the sessions asked for.</summary>
public sealed record ExitsQuery(ExitsSort Sort, int Limit, SessionQuery Sessions);
