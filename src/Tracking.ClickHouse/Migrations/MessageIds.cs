namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The tables of migration 7, through which the loader stores only the first copy of a message
/// (<see cref="StoredMessageIds"/>). Part of an applied migration: never edit; a different shape is a new migration.
/// </summary>
public static class MessageIds
{
    /// <summary>
    /// Days a message id is kept after its first copy was loaded, at least: a daily partition is dropped
    /// whole once its newest row is this old. The window docs/resends.md promises is one day less, a
    /// margin for a loader that is behind.
    /// </summary>
    public const int KeptDays = 8;

    /// <summary>
    /// The ids of the messages stored, keyed for the loader's lookups. first_seen is when the first copy
    /// was loaded, the start of its window.
    /// </summary>
    public static readonly string Table =
        $$"""
        CREATE TABLE IF NOT EXISTS {db}.message_ids
        (
            project_id LowCardinality(String),
            message_id String,
            first_seen DateTime64(3, 'UTC') DEFAULT now64(3)
        )
        ENGINE = MergeTree
        PARTITION BY toDate(first_seen)
        ORDER BY (project_id, message_id)
        TTL toDateTime(first_seen) + INTERVAL {{KeptDays}} DAY
        SETTINGS ttl_only_drop_parts = 1
        """;

    /// <summary>
    /// The ids of one batch as the loader sends them to be looked up (a batch of 50,000 ids is too large
    /// for query parameters in a URL): rows of one lookup share its probe number. Kept an hour.
    /// </summary>
    public const string Probes =
        """
        CREATE TABLE IF NOT EXISTS {db}.message_id_probes
        (
            probe      UInt64,
            batch_row  UInt32,
            project_id LowCardinality(String),
            message_id String,
            created    DateTime DEFAULT now()
        )
        ENGINE = MergeTree
        PARTITION BY toStartOfHour(created)
        ORDER BY probe
        TTL created + INTERVAL 1 HOUR
        SETTINGS ttl_only_drop_parts = 1
        """;
}
