namespace Tracking.Events;

/// <summary>Track event names with a meaning in reports.</summary>
public static class EventNames
{
    /// <summary>A visitor left contact details (form submit on a landing page, or an explicit app call).</summary>
    public const string Lead = "lead";

    /// <summary>An element click captured by the snippet (properties carry selector and positions).</summary>
    public const string Click = "click";

    /// <summary>A click on a link to another host (properties.host is the exit target).</summary>
    public const string Outbound = "outbound";

    /// <summary>System event: the page was hidden or closed (properties.engaged_ms, scroll_pct).</summary>
    public const string PageLeave = "page_leave";

    /// <summary>System event: keep-alive while a page stays open.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>
    /// Track events that are not interactions: they never make a session non-bounced.
    /// </summary>
    public static readonly string[] System = [PageLeave, Heartbeat];
}
