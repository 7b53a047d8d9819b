namespace Tracking.Testing;

/// <summary>The reports computed straight from the generated sessions, by the metric definitions.</summary>
public static class ExpectedReport
{
    public sealed record Row(string? Keyword, string? Page, long Sessions, long Visitors, long Bounces, long Leads, double MedianDurationSeconds)
    {
        public double BounceRate => Sessions == 0 ? 0 : (double)Bounces / Sessions;

        public double LeadRate => Sessions == 0 ? 0 : (double)Leads / Sessions;
    }

    /// <summary>The sessions a report counts: not a bot's, first event in [from, to).</summary>
    public static IEnumerable<GeneratedSession> Counted(IEnumerable<GeneratedSession> sessions, DateTimeOffset from, DateTimeOffset to) =>
        sessions.Where(s => !s.IsBot && s.Start >= from && s.Start < to);

    public static List<Row> Compute(IEnumerable<GeneratedSession> sessions, DateTimeOffset from, DateTimeOffset to, bool byKeyword, bool byPage) =>
        Counted(sessions, from, to)
            .GroupBy(s => (Keyword: byKeyword ? s.ExpectedKeyword : null, Page: byPage ? s.LandingPage : null))
            .Select(g => Of(g, g.Key.Keyword, g.Key.Page))
            .ToList();

    /// <summary>The figures of a set of sessions (zeros for none).</summary>
    public static Row Of(IEnumerable<GeneratedSession> sessions, string? keyword = null, string? page = null)
    {
        var list = sessions.ToList();
        return new Row(
            keyword,
            page,
            list.Count,
            list.Select(s => s.Visitor).Distinct().Count(),
            list.Count(s => s.Bounced),
            list.Count(s => s.HasLead),
            list.Count == 0 ? 0 : Median(list.Select(s => (s.End - s.Start).TotalSeconds)));
    }

    /// <summary>The middle value, or the mean of the two middle values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
