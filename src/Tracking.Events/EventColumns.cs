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

    /// <summary>Byte width of each column's value in a row; 0 for a length-prefixed string.</summary>
    public static readonly int[] FixedSizes = Names.Select(name => name switch
    {
        "timestamp" or "received_at" => 8, // DateTime64(3): Int64 milliseconds
        "is_bot" => 1,
        "screen_width" or "screen_height" => 2,
        _ => 0,
    }).ToArray();

    /// <summary>
    /// The ClickHouse type each column travels as. LowCardinality columns travel as String: the server
    /// converts a whole column at once, a fraction of the cost of building their dictionaries value by value.
    /// </summary>
    public static readonly string[] WireTypes = FixedSizes.Select(size => size switch
    {
        8 => "DateTime64(3, 'UTC')",
        1 => "Bool",
        2 => "UInt16",
        _ => "String",
    }).ToArray();
}
