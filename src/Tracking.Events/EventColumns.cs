namespace Tracking.Events;

/// <summary>
/// The columns of an event record, in the order <see cref="EventRecordWriter"/> writes them. The loader
/// names exactly these in its INSERT, so the table may hold more columns (with defaults) but never fewer.
/// </summary>
public static class EventColumns
{
    public static readonly string[] Names =
    [
        "project_id", "message_id", "type", "event", "anonymous_id", "user_id", "group_id", "session_id",
        "timestamp", "received_at",
        "page_url", "page_path", "page_title", "referrer", "referrer_host",
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
        "keyword", "search_engine",
        "browser", "browser_version", "os", "device_type", "is_bot",
        "ip", "user_agent", "locale", "screen_width", "screen_height",
        "properties", "traits",
    ];
}
