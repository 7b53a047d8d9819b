-- Tracking schema for a replicated, sharded ClickHouse cluster (ClickHouse 25.x). Run once, before the
-- first loader starts, against any server of the cluster (docker-compose.yml's clickhouse-init does):
--   clickhouse-client --host HOST --user USER --password PASS --queries-file cluster.sql
-- Idempotent (IF NOT EXISTS). It is the application's schema (the migrations of
-- src/Tracking.ClickHouse/Migrations/Schema.cs) in cluster form, and records those migrations in
-- tracking.schema_migrations so the loaders' migrator skips them.
-- tests/Tracking.Deploy.Tests checks the columns, keys and recorded versions against Schema.cs.
--
-- Why this shape:
-- * events_local holds the rows: ReplicatedReplacingMergeTree(received_at) keyed like the single-node
--   table, so a message stored twice (a resend after the loaders' 7-day window, a replay) collapses
--   to one row per message_id on each shard, and the reports' FINAL reads see it once.
-- * events is a Distributed table over events_local, sharded by visitor (anonymous_id, else user_id,
--   the Kafka message key too). Not rand(): (1) a duplicate of a message must reach the same shard as
--   the original, or no shard can collapse it; (2) a replayed batch must split into the same per-shard
--   blocks for insert_deduplication_token to drop it; (3) sessions are split per visitor at query
--   time (30 minutes of inactivity), so one visitor's events on one shard let each shard compute its
--   sessions completely (optimize_distributed_group_by_sharding_key).
-- * loader_batches, dead_letters and schema_migrations are small and must look the same from every
--   server a loader may connect to: one replica on every server under one Keeper path (no {shard}),
--   so each server has all rows. {replica} must therefore be unique in the whole cluster (host name).
-- * The application inserts into and queries tracking.events (ClickHouse__Database=tracking), exactly
--   as on a single node.

CREATE DATABASE IF NOT EXISTS tracking ON CLUSTER '{cluster}';

CREATE TABLE IF NOT EXISTS tracking.events_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/tracking/events_local', '{replica}', received_at)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, toDate(timestamp), message_id)
-- Replayed batches within the last 10000 inserts per partition are dropped by token (the single-node
-- table's non_replicated_deduplication_window).
SETTINGS replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS tracking.events ON CLUSTER '{cluster}' AS tracking.events_local
ENGINE = Distributed('{cluster}', tracking, events_local, cityHash64(if(anonymous_id != '', anonymous_id, user_id)));

CREATE TABLE IF NOT EXISTS tracking.loader_batches ON CLUSTER '{cluster}'
(
    consumer_group String,
    log_name       String,
    partition      UInt32,
    start_offset   Int64,
    end_offset     Int64,
    written_at     DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/tracking/loader_batches', '{replica}', end_offset)
ORDER BY (consumer_group, log_name, partition);

CREATE TABLE IF NOT EXISTS tracking.schema_migrations ON CLUSTER '{cluster}'
(
    version    UInt32,
    name       String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/tracking/schema_migrations', '{replica}')
ORDER BY version;

CREATE TABLE IF NOT EXISTS tracking.dead_letters ON CLUSTER '{cluster}'
(
    received_at DateTime64(3, 'UTC') DEFAULT now64(3),
    partition   UInt32,
    offset      Int64,
    error       String,
    record      String
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/tracking/dead_letters', '{replica}')
ORDER BY received_at
TTL toDateTime(received_at) + INTERVAL 30 DAY;

-- Migration 4, the session rollup: sessions_local holds per client session the min/max states the
-- reports read (see src/Tracking.ClickHouse/Migrations/SessionRollup.cs). The materialized view is on
-- events_local and writes sessions_local on the same server: a session's events share a visitor, so
-- they are on one shard, and so is its rollup row, where FINAL can merge it whole. sessions is the
-- Distributed table the reports query, sharded like events for the backfill's inserts.
CREATE TABLE IF NOT EXISTS tracking.sessions_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/tracking/sessions_local', '{replica}')
PARTITION BY toYYYYMM(started)
ORDER BY (project_id, session_id);

CREATE TABLE IF NOT EXISTS tracking.sessions ON CLUSTER '{cluster}' AS tracking.sessions_local
ENGINE = Distributed('{cluster}', tracking, sessions_local, cityHash64(visitor));

CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.sessions_mv ON CLUSTER '{cluster}' TO tracking.sessions_local AS
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    max(timestamp) AS ended,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    min(if(type = 'page', message_id, '\xFF')) AS page_id_min,
    max(if(type = 'page', message_id, '')) AS page_id_max,
    max(type = 'track' AND event NOT IN ('page_leave', 'heartbeat')) AS interacted,
    max(type = 'track' AND event = 'lead') AS converted
FROM tracking.events_local
WHERE session_id != ''
GROUP BY project_id, session_id;

-- Backfill for a cluster upgraded from migration 3 (a no-op on a fresh one); the view already runs, and
-- rows it wrote meanwhile are merged with these by min/max, not counted twice. It names its columns, so a
-- re-run of this file after migration 8 added first_source still runs (the new column gets its default).
INSERT INTO tracking.sessions (project_id, session_id, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted)
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    max(timestamp) AS ended,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    min(if(type = 'page', message_id, '\xFF')) AS page_id_min,
    max(if(type = 'page', message_id, '')) AS page_id_max,
    max(type = 'track' AND event NOT IN ('page_leave', 'heartbeat')) AS interacted,
    max(type = 'track' AND event = 'lead') AS converted
FROM tracking.events
WHERE session_id != ''
GROUP BY project_id, session_id;

-- Migration 5: inserts are written as Compact parts (a few files each, not one per column) up to 256 MB.
ALTER TABLE tracking.events_local ON CLUSTER '{cluster}' MODIFY SETTING min_bytes_for_wide_part = 268435456;
ALTER TABLE tracking.sessions_local ON CLUSTER '{cluster}' MODIFY SETTING min_bytes_for_wide_part = 268435456;

-- Migration 6: the columns event record version 2 added (src/Tracking.Events/Schema/EventSchema.cs), on
-- the local tables and on the Distributed one over them (a Distributed table lists its columns itself).
ALTER TABLE tracking.events_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS name String, ADD COLUMN IF NOT EXISTS category LowCardinality(String), ADD COLUMN IF NOT EXISTS previous_id String, ADD COLUMN IF NOT EXISTS library_name LowCardinality(String), ADD COLUMN IF NOT EXISTS library_version LowCardinality(String), ADD COLUMN IF NOT EXISTS context_traits String CODEC(ZSTD(3)), ADD COLUMN IF NOT EXISTS context String CODEC(ZSTD(3));
ALTER TABLE tracking.events ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS name String, ADD COLUMN IF NOT EXISTS category LowCardinality(String), ADD COLUMN IF NOT EXISTS previous_id String, ADD COLUMN IF NOT EXISTS library_name LowCardinality(String), ADD COLUMN IF NOT EXISTS library_version LowCardinality(String), ADD COLUMN IF NOT EXISTS context_traits String CODEC(ZSTD(3)), ADD COLUMN IF NOT EXISTS context String CODEC(ZSTD(3));

-- Migration 7: the ids of the messages stored, through which each loader stores a message's first copy
-- only (docs/resends.md). message_ids has one replica on every server under one Keeper path, like
-- loader_batches: a loader looks ids up on the server it is connected to, which holds them all, and
-- sees its own inserts at once (it inserts there too). The copies of a message share their Kafka key
-- (the visitor), so one partition, hence one loader at a time, sees them in order. message_id_probes
-- holds the ids of a batch being looked up, for an hour: each server its own (a Keeper path per
-- replica), since the loader inserts a probe and queries it on the same server. The migration's third
-- statement, letting the single node's dead_letters keep insert tokens, has no twin: a replicated table
-- keeps them already (replicated_deduplication_window).
CREATE TABLE IF NOT EXISTS tracking.message_ids ON CLUSTER '{cluster}'
(
    project_id LowCardinality(String),
    message_id String,
    first_seen DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/tracking/message_ids', '{replica}')
PARTITION BY toDate(first_seen)
ORDER BY (project_id, message_id)
TTL toDateTime(first_seen) + INTERVAL 8 DAY
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS tracking.message_id_probes ON CLUSTER '{cluster}'
(
    probe      UInt64,
    batch_row  UInt32,
    project_id LowCardinality(String),
    message_id String,
    created    DateTime DEFAULT now()
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{replica}/tracking/message_id_probes', '{replica}')
PARTITION BY toStartOfHour(created)
ORDER BY probe
TTL created + INTERVAL 1 HOUR
SETTINGS ttl_only_drop_parts = 1;

-- Migration 8: the rollup keeps the first page view's source and device (first_source, see
-- src/Tracking.ClickHouse/Migrations/SessionSourceRollup.cs), so no report joins events. The view on every
-- server changes its query in place before the backfill; rows written meanwhile meet the backfill's in
-- min/max. The backfill writes every column of every client session again (min/max of the values there),
-- so running this part again after a stop halfway is harmless.
ALTER TABLE tracking.sessions_local ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS first_source SimpleAggregateFunction(min, String) DEFAULT '~';
ALTER TABLE tracking.sessions ON CLUSTER '{cluster}' ADD COLUMN IF NOT EXISTS first_source SimpleAggregateFunction(min, String) DEFAULT '~';

ALTER TABLE tracking.sessions_mv ON CLUSTER '{cluster}' MODIFY QUERY
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    max(timestamp) AS ended,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    min(if(type = 'page', message_id, '\xFF')) AS page_id_min,
    max(if(type = 'page', message_id, '')) AS page_id_max,
    max(type = 'track' AND event NOT IN ('page_leave', 'heartbeat')) AS interacted,
    max(type = 'track' AND event = 'lead') AS converted,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), leftPad(toString(length(device_type)), 5, '0'), device_type, leftPad(toString(length(search_engine)), 5, '0'), search_engine, leftPad(toString(length(utm_source)), 5, '0'), utm_source, referrer_host), '~')) AS first_source
FROM tracking.events_local
WHERE session_id != ''
GROUP BY project_id, session_id;

INSERT INTO tracking.sessions (project_id, session_id, visitor, started, ended, first_page, page_id_min, page_id_max, interacted, converted, first_source)
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    max(timestamp) AS ended,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    min(if(type = 'page', message_id, '\xFF')) AS page_id_min,
    max(if(type = 'page', message_id, '')) AS page_id_max,
    max(type = 'track' AND event NOT IN ('page_leave', 'heartbeat')) AS interacted,
    max(type = 'track' AND event = 'lead') AS converted,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), leftPad(toString(length(device_type)), 5, '0'), device_type, leftPad(toString(length(search_engine)), 5, '0'), search_engine, leftPad(toString(length(utm_source)), 5, '0'), utm_source, referrer_host), '~')) AS first_source
FROM tracking.events
WHERE session_id != ''
GROUP BY project_id, session_id;

-- Migration 9, the account rollup (src/Tracking.ClickHouse/Migrations/AccountRollup.cs): accounts (latest
-- traits per account) and account_users (who joined which account when) are small and read whole by
-- every shard's part of a report (the ASOF JOIN of an event's user to its account runs next to that
-- shard's events), so like loader_batches they are not sharded: one replica on every server under one
-- Keeper path. The views on events_local write them on whichever server took the insert, and
-- replication brings every row to every server; min/max and the replacing key make a row that arrives
-- twice count once.
CREATE TABLE IF NOT EXISTS tracking.accounts ON CLUSTER '{cluster}'
(
    project_id   LowCardinality(String),
    account      String,
    first_seen   SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    latest_group SimpleAggregateFunction(max, String)
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/all/tracking/accounts', '{replica}')
ORDER BY (project_id, account);

CREATE TABLE IF NOT EXISTS tracking.account_users ON CLUSTER '{cluster}'
(
    project_id LowCardinality(String),
    user_id    String,
    joined_at  DateTime64(3, 'UTC'),
    account    String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/tracking/account_users', '{replica}')
ORDER BY (project_id, user_id, joined_at, account);

CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.accounts_mv ON CLUSTER '{cluster}' TO tracking.accounts AS
SELECT project_id, group_id AS account,
    min(timestamp) AS first_seen,
    max(concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), traits)) AS latest_group
FROM tracking.events_local
WHERE type = 'group' AND group_id != ''
GROUP BY project_id, account;

CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.account_users_mv ON CLUSTER '{cluster}' TO tracking.account_users AS
SELECT project_id, user_id, timestamp AS joined_at, group_id AS account
FROM tracking.events_local
WHERE type = 'group' AND group_id != '' AND user_id != '';

-- Backfill for a cluster upgraded from an earlier migration (a no-op on a fresh one), on one server:
-- replication copies the rows to the others.
INSERT INTO tracking.accounts
SELECT project_id, group_id AS account,
    min(timestamp) AS first_seen,
    max(concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), traits)) AS latest_group
FROM tracking.events
WHERE type = 'group' AND group_id != ''
GROUP BY project_id, account;

INSERT INTO tracking.account_users
SELECT project_id, user_id, timestamp AS joined_at, group_id AS account
FROM tracking.events
WHERE type = 'group' AND group_id != '' AND user_id != '';

-- Migration 10, the session flow rollup (src/Tracking.ClickHouse/Migrations/SessionFlowRollup.cs): per
-- client session its page views and last interaction, which the exits and paths reports read. Sharded
-- like sessions: the view on events_local writes session_flows_local on the same server, where a
-- session's events are, and FINAL merges its row whole there.
CREATE TABLE IF NOT EXISTS tracking.session_flows_local ON CLUSTER '{cluster}'
(
    project_id       LowCardinality(String),
    session_id       String,
    visitor          SimpleAggregateFunction(min, String),
    started          SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    first_page       SimpleAggregateFunction(min, String),
    views            SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    last_interaction SimpleAggregateFunction(max, String)
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/tracking/session_flows_local', '{replica}')
PARTITION BY toYYYYMM(started)
ORDER BY (project_id, session_id)
SETTINGS min_bytes_for_wide_part = 268435456;

CREATE TABLE IF NOT EXISTS tracking.session_flows ON CLUSTER '{cluster}' AS tracking.session_flows_local
ENGINE = Distributed('{cluster}', tracking, session_flows_local, cityHash64(visitor));

CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.session_flows_mv ON CLUSTER '{cluster}' TO tracking.session_flows_local AS
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    groupUniqArrayIf(concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), page_path), type = 'page') AS views,
    max(if(type = 'track' AND event NOT IN ('page_leave', 'heartbeat'), concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(event = 'outbound', JSONExtractString(properties, 'host'), '')), '')) AS last_interaction
FROM tracking.events_local
WHERE session_id != ''
GROUP BY project_id, session_id;

-- Backfill for a cluster upgraded from an earlier migration (a no-op on a fresh one), through the
-- Distributed tables; rows the view wrote meanwhile merge with these (min/max and a set union).
INSERT INTO tracking.session_flows
SELECT project_id, session_id,
    min(if(anonymous_id != '', anonymous_id, user_id)) AS visitor,
    min(timestamp) AS started,
    min(if(type = 'page', concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(is_bot, '1', '0'), leftPad(toString(length(page_path)), 5, '0'), page_path, keyword), '~')) AS first_page,
    groupUniqArrayIf(concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), page_path), type = 'page') AS views,
    max(if(type = 'track' AND event NOT IN ('page_leave', 'heartbeat'), concat(toString(timestamp), leftPad(hex(cityHash64(message_id)), 16, '0'), if(event = 'outbound', JSONExtractString(properties, 'host'), '')), '')) AS last_interaction
FROM tracking.events
WHERE session_id != ''
GROUP BY project_id, session_id;

-- Migrations this file applies. A new migration in Schema.cs must come here in cluster form too (the
-- deploy test fails until it does): the loaders would otherwise run it on one server only.
-- Migration 11, the usage rollup (src/Tracking.ClickHouse/Migrations/AccountUsageRollup.cs): usage events
-- counted per hour, account known at insert time, user and event, read by the accounts and features reports.
-- Sharded like events: the view on events_local writes account_usage_local on the same server, and a report
-- adds the shards' counts and distinct sets through the Distributed account_usage (each row is counted or
-- split on its own, whichever shard holds it). Counts are not idempotent: the backfill empties the table and
-- runs before the view is created, so run this part with the loaders stopped (a re-run of the file then
-- writes the same rows again; a loader inserting meanwhile would have its rows counted by both).
CREATE TABLE IF NOT EXISTS tracking.account_usage_local ON CLUSTER '{cluster}'
(
    project_id LowCardinality(String),
    hour       DateTime('UTC'),
    account    String,
    user       String,
    event      LowCardinality(String),
    events     SimpleAggregateFunction(sum, UInt64),
    first_at   SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    times      SimpleAggregateFunction(groupArrayArray, Array(DateTime64(3, 'UTC')))
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/tracking/account_usage_local', '{replica}')
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, account, user, event);

CREATE TABLE IF NOT EXISTS tracking.account_usage ON CLUSTER '{cluster}' AS tracking.account_usage_local
ENGINE = Distributed('{cluster}', tracking, account_usage_local, cityHash64(user));

TRUNCATE TABLE IF EXISTS tracking.account_usage_local ON CLUSTER '{cluster}';

INSERT INTO tracking.account_usage
SELECT project_id, toStartOfHour(timestamp) AS hour,
    if(group_id != '', group_id, if(position(context, '"groupId"') = 0, '',
            multiIf(JSONType(context, 'groupId') = 'String', JSONExtractString(context, 'groupId'),
                    JSONType(context, 'groupId') IN ('Int64', 'UInt64', 'Double'), JSONExtractRaw(context, 'groupId'),
                    ''))) AS account,
    if(user_id != '', user_id, anonymous_id) AS user,
    event, count() AS events, min(timestamp) AS first_at, max(timestamp) AS last_at, groupArray(timestamp) AS times
FROM tracking.events FINAL
WHERE type = 'track' AND event NOT IN ('page_leave', 'heartbeat') AND (account != '' OR user_id != '')
GROUP BY project_id, hour, account, user, event;

CREATE MATERIALIZED VIEW IF NOT EXISTS tracking.account_usage_mv ON CLUSTER '{cluster}' TO tracking.account_usage_local AS
SELECT project_id, toStartOfHour(timestamp) AS hour,
    if(group_id != '', group_id, if(position(context, '"groupId"') = 0, '',
            multiIf(JSONType(context, 'groupId') = 'String', JSONExtractString(context, 'groupId'),
                    JSONType(context, 'groupId') IN ('Int64', 'UInt64', 'Double'), JSONExtractRaw(context, 'groupId'),
                    ''))) AS account,
    if(user_id != '', user_id, anonymous_id) AS user,
    event, count() AS events, min(timestamp) AS first_at, max(timestamp) AS last_at, groupArray(timestamp) AS times
FROM tracking.events_local
WHERE type = 'track' AND event NOT IN ('page_leave', 'heartbeat') AND (account != '' OR user_id != '')
GROUP BY project_id, hour, account, user, event;

-- Migrations this file applies. A new migration in Schema.cs must come here in cluster form too (the
-- deploy test fails until it does): the loaders would otherwise run it on one server only.
-- Migration 12, retention settings and erasure requests (src/Tracking.ClickHouse/Migrations/PrivacyTables.cs):
-- small, and every loader must see the same erased ids and bounds, so like loader_batches one replica on
-- every server under one Keeper path.
-- Retention is enforced with TTL rules that the host writes at run time (RetentionSettings), not here. On a
-- cluster they belong on the tables that hold rows, run ON CLUSTER: events_local and sessions_local (the
-- Distributed tables hold nothing and take no TTL), and accounts, account_users and dead_letters, e.g.
--   ALTER TABLE tracking.events_local ON CLUSTER '{cluster}' MODIFY TTL
--     toDateTime(timestamp) + INTERVAL 400 DAY DELETE WHERE project_id = 'shop';
-- each replica then deletes the expired rows of its own parts at its TTL merges. The host issues its
-- ALTERs against the names of the single-node schema (tracking.events, …), so on a cluster an operator runs
-- them in this form; the same holds for the erasure's ALTER … DELETE mutations (README, "Retention and erasure").
CREATE TABLE IF NOT EXISTS tracking.retention_settings ON CLUSTER '{cluster}'
(
    project_id LowCardinality(String),
    days       Nullable(UInt32),
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/tracking/retention_settings', '{replica}', updated_at)
ORDER BY project_id;

CREATE TABLE IF NOT EXISTS tracking.erasure_requests ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/tracking/erasure_requests', '{replica}', updated_at)
ORDER BY (project_id, id);

-- Migrations this file applies. A new migration in Schema.cs must come here in cluster form too (the
-- deploy test fails until it does): the loaders would otherwise run it on one server only.
INSERT INTO tracking.schema_migrations (version, name) VALUES (1, 'events table'), (2, 'loader batch intents'), (3, 'dead letters'), (4, 'session rollup'), (5, 'compact parts for inserts'), (6, 'event record version 2 columns'), (7, 'message ids seen'), (8, 'session rollup: source and device of the first page view'), (9, 'account rollup'), (10, 'session flow rollup'), (11, 'account usage rollup'), (12, 'retention settings and erasure requests');
