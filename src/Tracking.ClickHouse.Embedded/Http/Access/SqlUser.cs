using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>A user of the HTTP interface: who it is, whether it may only read, and its place in the queue.</summary>
/// <param name="Limits">Bounds on its queries; null for the internal user, whose statements are the host's own.</param>
internal sealed record SqlUser(string Name, AnalystLimits? Limits)
{
    public bool IsReadOnly => Limits is not null;

    public QueryPriority Priority => IsReadOnly ? QueryPriority.Analyst : QueryPriority.Internal;
}
