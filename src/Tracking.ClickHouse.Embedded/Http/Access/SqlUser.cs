using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>A user of the HTTP interface: who it is, whether it may only read, and its place in the queue.</summary>
/// <param name="Limits">Bounds on its queries; null for the internal user, whose statements are the host's own.</param>
/// <param name="ProjectId">The only project whose rows it sees (a project user); null for the fixed users.</param>
internal sealed record SqlUser(string Name, AnalystLimits? Limits, string? ProjectId = null)
{
    public bool IsReadOnly => Limits is not null;

    public QueryPriority Priority => IsReadOnly ? QueryPriority.Analyst : QueryPriority.Internal;
}
