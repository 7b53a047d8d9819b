using Tracking.Reports.Shared;

namespace Tracking.Reports.Paths;

/// <summary>
/// A paths request: the links of the sessions asked for from their first view of <see cref="Start"/> (empty:
/// from their landing page), <see cref="Depth"/> levels deep.
/// </summary>
public sealed record PathsQuery(string Start, int Depth, SessionQuery Sessions)
{
    public const int DefaultDepth = 3;
    public const int MaxDepth = 10;
}
