namespace Tracking.ClickHouse.Migrations;

/// <summary>
/// The tables of migration 12, which keep what retention and erasure decide so it survives restarts.
/// Part of an applied migration: never edit. A different shape is a new migration with its own constants.
/// <para>
/// <c>retention_settings</c>: a project's own bound in days (NULL: kept forever, whatever the default), the
/// latest row per project holding.
/// </para>
/// <para>
/// <c>erasure_requests</c>: one row per state of a request, the latest (<c>updated_at</c>) holding. Its
/// <c>erased_ids</c> stay after the request is done: the loader drops every later event carrying one of them.
/// </para>
/// </summary>
public static class PrivacyTables
{
    public const string RetentionSettings =
        """
        CREATE TABLE IF NOT EXISTS {db}.retention_settings
        (
            project_id LowCardinality(String),
            days       Nullable(UInt32),
            updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
        )
        ENGINE = ReplacingMergeTree(updated_at)
        ORDER BY project_id
        """;

    public const string ErasureRequests =
        """
        CREATE TABLE IF NOT EXISTS {db}.erasure_requests
        (
            project_id   LowCardinality(String),
            id           String,
            subject_kind LowCardinality(String),
            subject      String,
            status       LowCardinality(String),
            requested_at DateTime64(3, 'UTC'),
            requested_by String,
            erased_ids   Array(String),
            rows_removed Map(String, UInt64),
            finished_at  Nullable(DateTime64(3, 'UTC')),
            error        String,
            updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
        )
        ENGINE = ReplacingMergeTree(updated_at)
        ORDER BY (project_id, id)
        """;
}
