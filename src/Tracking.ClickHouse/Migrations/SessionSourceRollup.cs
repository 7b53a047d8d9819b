namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// Migration 8: the session rollup (<see cref="SessionRollup"/>) also keeps where its first page view came
/// from and on what device, in the column <c>first_source</c>, so reports by source, device or search
/// engine read sessions only instead of joining each session's first page view from events.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// Like first_page, one string under SimpleAggregateFunction(min) that starts with the page view's time and
/// message id hash, so min picks the page view first_page describes. A string, not a tuple: min of a tuple
/// goes through ClickHouse's generic value path, which cost FINAL ~0.4 s CPU more over 1.25M sessions
/// (benchmarks/README.md). The fields are that event's columns as stored; which of them is the session's
/// source (docs/definitions.md) is the reports' to say.
/// </para>
/// </summary>
public static class SessionSourceRollup
{
    /// <summary>
    /// The first page view's source fields as one sortable string: <c>toString(timestamp)</c> and 16 hex digits
    /// of cityHash64(message_id) as in <see cref="SessionRollup.FirstPage"/> (39 characters), then
    /// device_type, search_engine and utm_source, each as its length in 5 digits (an event is at most 32 KB)
    /// and its bytes, then referrer_host.
    /// </summary>
    public const string FirstSource =
        "concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), "
        + "leftPad(toString(length(device_type)), 5, '0'), device_type, "
        + "leftPad(toString(length(search_engine)), 5, '0'), search_engine, "
        + "leftPad(toString(length(utm_source)), 5, '0'), utm_source, referrer_host)";

    /// <summary>Migration 4's aggregates and the first page view's source (<see cref="SessionRollup.NoPage"/> without one).</summary>
    public const string Aggregates =
        $"""
        {SessionRollup.Aggregates},
            min(if(type = 'page', {FirstSource}, '{SessionRollup.NoPage}')) AS first_source
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
