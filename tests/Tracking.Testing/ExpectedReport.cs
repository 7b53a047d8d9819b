namespace Tracking.Testing;

/// <summary>The landing report computed straight from the generated sessions, by the metric definitions.</summary>
public static class ExpectedReport
{
    public sealed record Row(string? Keyword, string? Page, long Sessions, long Visitors, long Bounces, long Leads, double MedianDurationSeconds);

    public static List<Row> Compute(IEnumerable<GeneratedSession> sessions, DateTimeOffset from, DateTimeOffset to, bool byKeyword, bool byPage) =>
        sessions
            .Where(s => !s.IsBot && s.Start >= from && s.Start < to)
            .GroupBy(s => (Keyword: byKeyword ? s.ExpectedKeyword : null, Page: byPage ? s.LandingPage : null))
            .Select(g => new Row(
                g.Key.Keyword,
                g.Key.Page,
                g.Count(),
                g.Select(s => s.Visitor).Distinct().Count(),
                g.Count(s => s.Bounced),
                g.Count(s => s.HasLead),
                Median(g.Select(s => (s.End - s.Start).TotalSeconds))))
            .ToList();

    /// <summary>The middle value, or the mean of the two middle values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
