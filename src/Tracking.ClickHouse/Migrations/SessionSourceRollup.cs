namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// Migration 8: the session rollup (<see cref="SessionRollup"/>) also keeps where its first page view came
/// from and on what device, in the column <c>first_source</c>, so reports by source, device or search
/// engine read sessions only instead of joining each session's first page view from events.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// The column is a SimpleAggregateFunction(min) of a named tuple that starts with the page view's time and
/// cityHash64 of its message id: the order <see cref="SessionRollup.FirstPage"/> sorts by, so min picks the
/// page view first_page describes. The other elements are that event's columns as stored; which of them
/// is the session's source (docs/definitions.md) is the reports' to say.
/// </para>
/// </summary>
public static class SessionSourceRollup
{
    /// <summary>The tuple's type (LowCardinality may not be an element of a SimpleAggregateFunction's tuple).</summary>
    public const string Type =
        "Tuple(time DateTime64(3, 'UTC'), hash UInt64, search_engine String, utm_source String, referrer_host String, device_type String)";

    /// <summary>
    /// Sorts after every page view (the last millisecond DateTime64(3) holds): the value of a session without
    /// a page view, and the column's default, which rows stored before this migration read until min merges
    /// them with the backfill's.
    /// </summary>
    public const string NoPage = $"CAST((toDateTime64('2299-12-31 23:59:59.999', 3, 'UTC'), 0, '', '', '', '') AS {Type})";

    /// <summary>An event's value of the tuple.</summary>
    public const string FirstSource =
        $"CAST((timestamp, cityHash64(message_id), search_engine, utm_source, referrer_host, device_type) AS {Type})";

    /// <summary>Migration 4's aggregates and the first page view's source.</summary>
    public const string Aggregates =
        $"""
        {SessionRollup.Aggregates},
            min(if(type = 'page', {FirstSource}, {NoPage})) AS first_source
        """;

    /// <summary>
    /// The columns <see cref="OfEvents"/> gives, in order: an insert names them, so that it still runs once a
    /// later migration added a column (deploy/clickhouse/cluster.sql runs every backfill again when re-run).
    /// </summary>
    public const string Columns =
        "project_id, session_id, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted, first_source";

    /// <summary>The rows of the rollup for the client sessions of {db}.events (the view's query, and the backfill's).</summary>
    public const string OfEvents =
        $$"""
        SELECT project_id, session_id,
            {{Aggregates}}
        FROM {db}.events
        WHERE session_id != ''
        GROUP BY project_id, session_id
        """;
}
