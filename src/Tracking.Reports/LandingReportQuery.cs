namespace Tracking.Reports;

/// <summary>A landing report request: sessions that started in [From, To), grouped by keyword and/or landing page.</summary>
public sealed record LandingReportQuery(LandingGrouping GroupBy, DateTimeOffset From, DateTimeOffset To, bool IncludeBots = false)
{
    /// <summary>
    /// How far around the range events are read to see whole sessions: a session that started in range
    /// may go on past its end, and a visitor's activity just before it decides where a server-side session starts.
    /// </summary>
    public static readonly TimeSpan SessionReach = TimeSpan.FromDays(1);
}
