using Tracking.Events.Schema;

namespace Tracking.ClickHouse.Migrations;

/// <summary>The schema history. Append new migrations; never edit an applied one.</summary>
public static class Schema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "events table", [
            """
            CREATE TABLE IF NOT EXISTS {db}.events
            (
                project_id      LowCardinality(String),
                message_id      String,
                type            LowCardinality(String),
                event           LowCardinality(String),
                anonymous_id    String,
                user_id         String,
                group_id        String,
                session_id      String,
                timestamp       DateTime64(3, 'UTC'),
                received_at     DateTime64(3, 'UTC'),
                page_url        String,
                page_path       String,
                page_title      String,
                referrer        String,
                referrer_host   LowCardinality(String),
                utm_source      LowCardinality(String),
                utm_medium      LowCardinality(String),
                utm_campaign    LowCardinality(String),
                utm_term        String,
                utm_content     String,
                keyword         String,
                search_engine   LowCardinality(String),
                browser         LowCardinality(String),
                browser_version LowCardinality(String),
                os              LowCardinality(String),
                device_type     LowCardinality(String),
                is_bot          Bool,
                ip              String,
                user_agent      String CODEC(ZSTD(3)),
                locale          LowCardinality(String),
                screen_width    UInt16,
                screen_height   UInt16,
                properties      String CODEC(ZSTD(3)),
                traits          String CODEC(ZSTD(3)),
                visitor_id      String ALIAS if(anonymous_id != '', anonymous_id, user_id)
            )
            ENGINE = ReplacingMergeTree(received_at)
            PARTITION BY toYYYYMM(timestamp)
            ORDER BY (project_id, toDate(timestamp), message_id)
            SETTINGS non_replicated_deduplication_window = 10000
            """,
        ]),
        new(2, "loader batch intents", [
            """
            CREATE TABLE IF NOT EXISTS {db}.loader_batches
            (
                consumer_group String,
                log_name       String,
                partition      UInt32,
                start_offset   Int64,
                end_offset     Int64,
                written_at     DateTime64(3, 'UTC') DEFAULT now64(3)
            )
            ENGINE = ReplacingMergeTree(end_offset)
            ORDER BY (consumer_group, log_name, partition)
            """,
        ]),
        new(3, "dead letters", [
            """
            CREATE TABLE IF NOT EXISTS {db}.dead_letters
            (
                received_at DateTime64(3, 'UTC') DEFAULT now64(3),
                partition   UInt32,
                offset      Int64,
                error       String,
                record      String
            )
            ENGINE = MergeTree
            ORDER BY received_at
            TTL toDateTime(received_at) + INTERVAL 30 DAY
            """,
        ]),
        new(4, "session rollup", [
            """
            CREATE TABLE IF NOT EXISTS {db}.sessions
            (
                project_id  LowCardinality(String),
                session_id  String,
                visitor     SimpleAggregateFunction(min, String),
                started     SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
                ended       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
                first_page  SimpleAggregateFunction(min, String),
                page_id_min SimpleAggregateFunction(min, String),
                page_id_max SimpleAggregateFunction(max, String),
                interacted  SimpleAggregateFunction(max, Bool),
                converted   SimpleAggregateFunction(max, Bool)
            )
            ENGINE = AggregatingMergeTree
            PARTITION BY toYYYYMM(started)
            ORDER BY (project_id, session_id)
            """,
            // Created before the backfill: events inserted meanwhile reach the rollup twice, which min/max ignore.
            $"CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.sessions_mv TO {{db}}.sessions AS {SessionRollup.OfEvents}",
            $"INSERT INTO {{db}}.sessions {SessionRollup.OfEvents}",
        ]),

        // A loader insert (50,000 rows, ~20 MB) used to be written as a Wide part, a file per column, each
        // created and soon deleted again by a merge: creating inodes was ~7% of the single node's CPU.
        // Compact parts keep an insert in a few files; merges still produce Wide parts once they are large.
        new(5, "compact parts for inserts", [
            $"ALTER TABLE {{db}}.events MODIFY SETTING min_bytes_for_wide_part = {CompactPartMaxBytes}",
            $"ALTER TABLE {{db}}.sessions MODIFY SETTING min_bytes_for_wide_part = {CompactPartMaxBytes}",
        ]),
        new(6, "event record version 2 columns", [AddEventColumns(2)]),

        // A resend must change nothing, and copies of a message may carry different times (a sentAt
        // correction, a missing timestamp): the loader stores a message's first copy only, by looking its
        // batch's ids up in message_ids. See docs/resends.md. A replay after a crash may set a record aside
        // again: dead letters are inserted with a token per log offset, which needs the table to keep tokens.
        new(7, "message ids seen", [
            MessageIds.Table,
            MessageIds.Probes,
            "ALTER TABLE {db}.dead_letters MODIFY SETTING non_replicated_deduplication_window = 10000",
        ]),

        // Each statement is safe to run again, so a migration that stopped halfway runs whole the next time.
        // The view changes before the backfill (as migration 4 created it before its own): rows written
        // meanwhile meet the backfill's in min/max, which count nothing twice. The backfill writes every
        // column of every client session again, min/max of values already there: a row of the new column
        // alone would need neutral values of the others, and its started decides its partition.
        new(8, "session rollup: source and device of the first page view", [
            // Rows stored before read '~', which sorts after every page view, until min merges them with the backfill's.
            $"ALTER TABLE {{db}}.sessions ADD COLUMN IF NOT EXISTS first_source SimpleAggregateFunction(min, String) DEFAULT '{SessionRollup.NoPage}'",
            $"ALTER TABLE {{db}}.sessions_mv MODIFY QUERY {SessionSourceRollup.OfEvents}",
            $"INSERT INTO {{db}}.sessions ({SessionSourceRollup.Columns}) {SessionSourceRollup.OfEvents}",
        ]),

        new(9, "account rollup", [
            """
            CREATE TABLE IF NOT EXISTS {db}.accounts
            (
                project_id   LowCardinality(String),
                account      String,
                first_seen   SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
                latest_group SimpleAggregateFunction(max, String)
            )
            ENGINE = AggregatingMergeTree
            ORDER BY (project_id, account)
            """,
            """
            CREATE TABLE IF NOT EXISTS {db}.account_users
            (
                project_id LowCardinality(String),
                user_id    String,
                joined_at  DateTime64(3, 'UTC'),
                account    String
            )
            ENGINE = ReplacingMergeTree
            ORDER BY (project_id, user_id, joined_at, account)
            """,

            // Views before the backfills: group calls inserted meanwhile arrive twice, which max/min and
            // ReplacingMergeTree's key ignore.
            $"CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.accounts_mv TO {{db}}.accounts AS {AccountRollup.AccountsOfEvents}",
            $"CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.account_users_mv TO {{db}}.account_users AS {AccountRollup.UsersOfEvents}",
            $"INSERT INTO {{db}}.accounts {AccountRollup.AccountsOfEvents}",
            $"INSERT INTO {{db}}.account_users {AccountRollup.UsersOfEvents}",
        ]),

        // Exits and paths read a session's page views and last interaction from here, not its events. A new
        // table beside sessions: its rows are as wide as the session's page views, which the landing and
        // overview reports, merging sessions by FINAL, need not read. The view before the backfill, as in 4.
        new(10, "session flow rollup", [
            $$"""
            CREATE TABLE IF NOT EXISTS {db}.session_flows
            (
                project_id       LowCardinality(String),
                session_id       String,
                visitor          SimpleAggregateFunction(min, String),
                started          SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
                first_page       SimpleAggregateFunction(min, String),
                views            SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
                last_interaction SimpleAggregateFunction(max, String)
            )
            ENGINE = AggregatingMergeTree
            PARTITION BY toYYYYMM(started)
            ORDER BY (project_id, session_id)
            SETTINGS min_bytes_for_wide_part = {{CompactPartMaxBytes}}
            """,
            $"CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.session_flows_mv TO {{db}}.session_flows AS {SessionFlowRollup.OfEvents}",
            $"INSERT INTO {{db}}.session_flows {SessionFlowRollup.OfEvents}",
        ]),

        // Sums count a row twice if both the view and the backfill see it, so unlike migrations 4, 8 and 9 the
        // backfill comes first, into an emptied table (a stop halfway runs it whole again), and the view last.
        new(11, "account usage rollup", [
            AccountUsageRollup.Table,
            "TRUNCATE TABLE {db}.account_usage",
            $"INSERT INTO {{db}}.account_usage {AccountUsageRollup.OfStoredEvents}",
            $"CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.account_usage_mv TO {{db}}.account_usage AS {AccountUsageRollup.OfEvents}",
        ]),

        // Retention bounds and erasure requests live in ClickHouse, next to the data they govern, so a
        // restart keeps them and every loader of a cluster reads the same erased ids (PrivacyTables).
        new(12, "retention settings and erasure requests", [
            PrivacyTables.RetentionSettings,
            PrivacyTables.ErasureRequests,
        ]),
    ];

    /// <summary>
    /// Adds the event columns record <paramref name="version"/> introduced (<see cref="EventSchema"/>), with
    /// their defaults for the rows already stored. IF NOT EXISTS: a migration that ran halfway runs again.
    /// </summary>
    public static string AddEventColumns(byte version) =>
        "ALTER TABLE {db}.events " + string.Join(", ", EventSchema.Columns
            .Where(c => c.Since == version)
            .Select(c => $"ADD COLUMN IF NOT EXISTS {c.Definition}"));

    /// <summary>Parts below this size are written in the Compact format (min_bytes_for_wide_part).</summary>
    public const long CompactPartMaxBytes = 256L << 20;
}
