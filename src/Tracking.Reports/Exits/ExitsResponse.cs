namespace Tracking.Reports.Exits;

/// <summary>
/// The exits report's HTTP answer: the pages (<see cref="Total"/> in all, the top ones in <see cref="Rows"/>)
/// and the exit targets of all sessions.
/// </summary>
public sealed record ExitsResponse(long Total, IReadOnlyList<ExitRow> Rows, IReadOnlyList<ExitTarget> Targets);

/// <summary>
/// A page: the sessions with a view of it, those whose exit page it is, exit rate = exits / sessions, and the
/// exit targets of the sessions that left from it.
/// </summary>
public sealed record ExitRow(string Page, long Sessions, long Exits, double ExitRate, IReadOnlyList<ExitTarget> Targets);

/// <summary>An exit target: the host of the outbound link clicked as the session's last interaction.</summary>
public sealed record ExitTarget(string Host, long Sessions);
