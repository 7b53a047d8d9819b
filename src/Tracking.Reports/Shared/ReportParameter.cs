namespace Tracking.Reports.Shared;

/// <summary>
/// A query parameter a report takes: what it checks input against, and what its OpenAPI document says.
/// A <paramref name="Repeatable"/> one may be given more than once (the funnel's steps).
/// </summary>
public sealed record ReportParameter(string Name, string Description, bool Repeatable = false)
{
    /// <summary>The parameters every session report takes: the range, includeBots and the filters.</summary>
    public static readonly ReportParameter[] Sessions =
    [
        new("from", "Start of the range, ISO 8601 (default: 7 days before to). A session counts when its first event is in [from, to)."),
        new("to", "End of the range, ISO 8601, exclusive (default: now). At most 366 days after from."),
        new("includeBots", "true to count sessions whose first page view came from a bot user agent (default false)."),
        new("keyword", "Only sessions with this keyword."),
        new("page", "Only sessions with this landing page (path)."),
        new("source", "Only sessions from this source: the search engine, else utm_source, else the referrer host, else (direct)."),
        new("device", "Only sessions on this device type: desktop, mobile, tablet, bot or other."),
    ];

    /// <summary>The session parameters of a report whose own `page` parameter is its subject: the landing-page filter is landingPage.</summary>
    public static readonly ReportParameter[] SessionsWithLandingPage =
        [.. Sessions.Select(p => p.Name == "page" ? p with { Name = LandingPage } : p)];

    /// <summary>The name of the landing-page filter in <see cref="SessionsWithLandingPage"/>.</summary>
    public const string LandingPage = "landingPage";

    /// <summary>The parameter of a report's row count, see <see cref="ReportLimit"/>.</summary>
    public static readonly ReportParameter Limit = new("limit", $"How many rows, 1 to {ReportLimit.Max} (default {ReportLimit.Default}); total says how many there are in all.");
}
