using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.ClickHouse.Migrations;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>
/// The event schema end to end: what the collector's writer puts in a record is what the loader's insert
/// stores, column by column, for every record version the loader reads; and migrations bring a table of an
/// older schema to the columns of the newest.
/// </summary>
[Collection(ChdbCollection.Name)]
public sealed class EventSchemaTests(ChdbFixture fixture)
{
    /// <summary>A value of its own for every column, written out here rather than derived from the schema list.</summary>
    private static readonly Dictionary<string, string> Distinct = new()
    {
        ["project_id"] = "p-project",
        ["message_id"] = "p-message",
        ["type"] = "track",
        ["event"] = "p-event",
        ["anonymous_id"] = "p-anonymous",
        ["user_id"] = "p-user",
        ["group_id"] = "p-group",
        ["session_id"] = "p-session",
        ["timestamp"] = "1764000000123",
        ["received_at"] = "1764000004567",
        ["page_url"] = "https://p.example/url",
        ["page_path"] = "/p-path",
        ["page_title"] = "p-title",
        ["referrer"] = "https://p.example/ref",
        ["referrer_host"] = "p-referrer-host",
        ["utm_source"] = "p-source",
        ["utm_medium"] = "p-medium",
        ["utm_campaign"] = "p-campaign",
        ["utm_term"] = "p-term",
        ["utm_content"] = "p-content",
        ["keyword"] = "p-关键词",
        ["search_engine"] = "p-engine",
        ["browser"] = "p-browser",
        ["browser_version"] = "p-1.2",
        ["os"] = "p-os",
        ["device_type"] = "p-device",
        ["is_bot"] = "true",
        ["ip"] = "198.51.100.0",
        ["user_agent"] = "p-agent",
        ["locale"] = "p-locale",
        ["screen_width"] = "1234",
        ["screen_height"] = "567",
        ["properties"] = """{"p":"properties"}""",
        ["traits"] = """{"p":"traits"}""",
        ["name"] = "p-name",
        ["category"] = "p-category",
        ["previous_id"] = "p-previous",
        ["library_name"] = "p-library",
        ["library_version"] = "p-9.9",
        ["context_traits"] = """{"p":"context traits"}""",
        ["context"] = """{"p":"context"}""",
    };

    [Fact]
    public void The_distinct_row_of_this_test_names_every_column_of_the_schema() =>
        Assert.Equal(EventSchema.Columns.Select(c => c.Name).Order(), Distinct.Keys.Order());

    [Theory]
    [InlineData(1)]
    [InlineData(EventSchema.CurrentVersion)]
    public async Task A_record_of_every_readable_version_is_stored_column_by_column_as_written(byte version)
    {
        using var store = await fixture.MigratedStoreAsync("schema");
        var layout = EventSchema.Layout(version);
        using var record = new PooledBufferWriter(1024);
        EventRecordWriter.Write(record, DistinctRow(), layout);
        Assert.Equal(RecordShape.Row, EventRecord.Inspect(record.WrittenSpan, EventSchema.CurrentVersion, out var row, out var read, out _));
        Assert.Same(layout, read);

        using var block = new EventBlock();
        block.Reset(read);
        block.Add(row);
        await new EventInserter(store).InsertAsync(block, $"schema/{version}", CancellationToken.None);

        var columns = string.Join(", ", EventSchema.Columns.Select(c => c.Encoding == ColumnEncoding.Milliseconds ? $"toUnixTimestamp64Milli({c.Name}) AS {c.Name}" : c.Name));
        var stored = (await SelectAsync(store, $"SELECT {columns} FROM {{table}}")).Single();
        foreach (var column in EventSchema.Columns)
        {
            // Columns a record of this version lacks get the table's default.
            var expected = column.Since <= version ? Distinct[column.Name] : Default(column);
            Assert.True(expected == Text(stored[column.Name]), $"{column.Name}: expected {expected}, stored {stored[column.Name]}");
        }
    }

    [Fact]
    public void A_record_of_a_newer_version_is_held_but_bytes_that_only_claim_to_be_one_are_damaged()
    {
        using var record = new PooledBufferWriter(1024);
        EventRecordWriter.Write(record, DistinctRow(), EventSchema.Current);
        Assert.Equal(RecordShape.Newer, EventRecord.Inspect(record.WrittenSpan, newestVersion: 1, out _, out _, out _));

        // A stray message on the topic: its first byte ('{' = 123) reads as a version number.
        var stray = Encoding.UTF8.GetBytes("""{"not":"a record"}""");
        Assert.Equal(RecordShape.Unreadable, EventRecord.Inspect(stray, EventSchema.CurrentVersion, out _, out _, out var error));
        Assert.Contains("not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrations_add_the_new_columns_to_a_table_of_the_old_schema_with_defaults_and_run_again_harmlessly()
    {
        // The state an older host left: migrations 1-5 applied and recorded, rows in the table.
        var store = new ClickHouseStore(fixture.Server.ConnectionString, Names.Table("upgrade"));
        using var _ = store;
        await fixture.ExecuteAsync($"CREATE DATABASE {store.Database}");
        await fixture.ExecuteAsync($"CREATE TABLE {store.Table("schema_migrations")} (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplacingMergeTree ORDER BY version");
        foreach (var migration in Schema.Migrations.Where(m => m.Version <= 5))
        {
            foreach (var statement in migration.Statements)
            {
                await fixture.ExecuteAsync(statement.Replace("{db}", store.Database, StringComparison.Ordinal));
            }

            await fixture.ExecuteAsync($"INSERT INTO {store.Table("schema_migrations")} (version, name) VALUES ({migration.Version}, '{migration.Name}')");
        }

        await fixture.ExecuteAsync($"INSERT INTO {store.Table("events")} (project_id, message_id, type, timestamp, received_at) VALUES ('default', 'before-upgrade', 'page', now64(3), now64(3))");

        var migrator = new SchemaMigrator(store, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        var added = EventSchema.Columns.Where(c => c.Since > 1).ToList();
        Assert.NotEmpty(added);
        var stored = (await SelectAsync(store, $"SELECT {string.Join(", ", added.Select(c => c.Name))} FROM {{table}} WHERE message_id = 'before-upgrade'")).Single();
        Assert.All(added, column => Assert.Equal(Default(column), Text(stored[column.Name])));
        var applied = await SelectAsync(store, $"SELECT count() AS n FROM {store.Table("schema_migrations")} FINAL");
        Assert.Equal(Schema.Migrations.Count.ToString(CultureInfo.InvariantCulture), Text(applied.Single()["n"]));
    }

    private static EventRow DistinctRow() => new()
    {
        ProjectId = Distinct["project_id"],
        MessageId = Utf8("message_id"),
        Type = Distinct["type"],
        Event = Utf8("event"),
        AnonymousId = Utf8("anonymous_id"),
        UserId = Utf8("user_id"),
        GroupId = Utf8("group_id"),
        SessionId = Utf8("session_id"),
        TimestampMs = long.Parse(Distinct["timestamp"], CultureInfo.InvariantCulture),
        ReceivedAtMs = long.Parse(Distinct["received_at"], CultureInfo.InvariantCulture),
        PageUrl = Utf8("page_url"),
        PagePath = Utf8("page_path"),
        PageTitle = Utf8("page_title"),
        Referrer = Utf8("referrer"),
        ReferrerHost = Distinct["referrer_host"],
        UtmSource = Utf8("utm_source"),
        UtmMedium = Utf8("utm_medium"),
        UtmCampaign = Utf8("utm_campaign"),
        UtmTerm = Utf8("utm_term"),
        UtmContent = Utf8("utm_content"),
        Keyword = Distinct["keyword"],
        SearchEngine = Distinct["search_engine"],
        Browser = Distinct["browser"],
        BrowserVersion = Distinct["browser_version"],
        Os = Distinct["os"],
        DeviceType = Distinct["device_type"],
        IsBot = bool.Parse(Distinct["is_bot"]),
        Ip = Distinct["ip"],
        UserAgent = Utf8("user_agent"),
        Locale = Utf8("locale"),
        ScreenWidth = ushort.Parse(Distinct["screen_width"], CultureInfo.InvariantCulture),
        ScreenHeight = ushort.Parse(Distinct["screen_height"], CultureInfo.InvariantCulture),
        Properties = Utf8("properties"),
        Traits = Utf8("traits"),
        Name = Utf8("name"),
        Category = Utf8("category"),
        PreviousId = Utf8("previous_id"),
        LibraryName = Utf8("library_name"),
        LibraryVersion = Utf8("library_version"),
        ContextTraits = Utf8("context_traits"),
        Context = Utf8("context"),
    };

    private static byte[] Utf8(string column) => Encoding.UTF8.GetBytes(Distinct[column]);

    private static string Default(EventColumn column) => column.Encoding switch
    {
        ColumnEncoding.Milliseconds or ColumnEncoding.Unsigned16 => "0",
        ColumnEncoding.Bool => "false",
        _ => string.Empty,
    };

    private static string Text(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => value?.ToString() ?? string.Empty,
    };

    private Task<List<JsonObject>> SelectAsync(ClickHouseStore store, string sql) =>
        fixture.RowsAsync(sql.Replace("{table}", store.Table("events"), StringComparison.Ordinal));
}
