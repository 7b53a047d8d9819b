using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.ClickHouse.Migrations;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>The loader's insert: event records regrouped into a Native block, into the real events table.</summary>
[Collection(ChdbCollection.Name)]
public sealed class EventBlockInsertTests(ChdbFixture fixture)
{
    [Fact]
    public async Task Every_value_of_every_row_arrives_as_it_was_written()
    {
        using var store = await fixture.MigratedStoreAsync("blocks");
        var rows = Enumerable.Range(0, 300).Select(SampleRow).ToList();
        using var block = new EventBlock(initialColumnBytes: 16); // tiny, so every column grows while filling
        foreach (var row in rows)
        {
            var consumed = block.Add(RowOf(row));
            Assert.Equal(RowOf(row).Length, consumed);
        }

        await new EventInserter(store).InsertAsync(block, "round-trip/0-300", CancellationToken.None);

        await AssertStoredAsync(store, rows);
    }

    [Fact]
    public async Task A_block_reset_and_refilled_with_fewer_rows_inserts_only_those()
    {
        // The loader keeps its blocks between batches; the longer batch before must leave nothing behind.
        using var store = await fixture.MigratedStoreAsync("blocks");
        var first = Enumerable.Range(0, 300).Select(SampleRow).ToList();
        var second = Enumerable.Range(1000, 40).Select(SampleRow).ToList();
        using var block = new EventBlock(initialColumnBytes: 16);
        var inserter = new EventInserter(store);
        foreach (var row in first)
        {
            block.Add(RowOf(row));
        }

        await inserter.InsertAsync(block, "reuse/0-300", CancellationToken.None);
        block.Reset();
        foreach (var row in second)
        {
            block.Add(RowOf(row));
        }

        await inserter.InsertAsync(block, "reuse/300-340", CancellationToken.None);

        Assert.Equal(second.Count, block.Rows);
        await AssertStoredAsync(store, [.. first, .. second]);
    }

    private async Task AssertStoredAsync(ClickHouseStore store, List<Sample> rows)
    {
        var stored = await SelectAsync(store, "SELECT message_id, type, event, session_id, page_title, keyword, is_bot, screen_width, user_agent, properties, toUnixTimestamp64Milli(timestamp) AS ts FROM {table} ORDER BY message_id");
        Assert.Equal(rows.Count, stored.Count);
        foreach (var (expected, actual) in rows.OrderBy(r => r.MessageId, StringComparer.Ordinal).Zip(stored))
        {
            Assert.Equal(expected.MessageId, (string)actual["message_id"]!);
            Assert.Equal(expected.Type, (string)actual["type"]!);
            Assert.Equal(expected.Event, (string)actual["event"]!);
            Assert.Equal(expected.SessionId, (string)actual["session_id"]!);
            Assert.Equal(expected.Title, (string)actual["page_title"]!);
            Assert.Equal(expected.Keyword, (string)actual["keyword"]!);
            Assert.Equal(expected.IsBot, (bool)actual["is_bot"]!);
            Assert.Equal(expected.Width, (int)actual["screen_width"]!);
            Assert.Equal(expected.UserAgent, (string)actual["user_agent"]!);
            Assert.Equal(expected.Properties, (string)actual["properties"]!);
            Assert.Equal(expected.TimestampMs, long.Parse((string)actual["ts"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_same_block_inserted_again_with_its_token_is_not_stored_twice()
    {
        using var store = await fixture.MigratedStoreAsync("blocks");
        using var block = new EventBlock();
        foreach (var row in Enumerable.Range(0, 50).Select(SampleRow))
        {
            block.Add(RowOf(row));
        }

        var inserter = new EventInserter(store);
        await inserter.InsertAsync(block, "retry/0-50", CancellationToken.None);
        await inserter.InsertAsync(block, "retry/0-50", CancellationToken.None);

        Assert.Equal("50", (await SelectAsync(store, "SELECT count() AS n FROM {table}"))[0]["n"]!.ToString());
    }

    [Fact]
    public void A_row_cut_short_is_refused_with_the_column_it_ends_in()
    {
        using var block = new EventBlock();
        var row = RowOf(SampleRow(1));

        var error = Assert.Throws<InvalidDataException>(() => block.Add(row.AsSpan(0, 20)));

        Assert.Contains("ends inside column", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, block.Rows);
    }

    private sealed record Sample(string MessageId, string Type, string Event, string SessionId, string Title, string Keyword, bool IsBot, ushort Width, string UserAgent, string Properties, long TimestampMs);

    // Values that exercise the encoding: empty strings, multi-byte UTF-8, lengths past one varint byte, blank lines.
    private static Sample SampleRow(int i) => new(
        $"m-{i:D4}",
        i % 3 == 0 ? EventTypes.Page : EventTypes.Track,
        i % 3 == 0 ? string.Empty : $"click-{i % 4}",
        i % 5 == 0 ? string.Empty : $"s-{i / 10}",
        i % 2 == 0 ? "价格 | Pricing" : new string('x', 130 + i),
        i % 4 == 0 ? "免费CRM" : "(none)",
        i % 7 == 0,
        (ushort)(i % 2 == 0 ? ushort.MaxValue : 1280 + i),
        $"Mozilla/5.0 (agent {i})",
        i % 6 == 0 ? "{\"text\":\"a\\n\\nb\"}\n\n" : string.Empty,
        1_790_000_000_000 + (i * 1_001L));

    private static byte[] RowOf(Sample s)
    {
        var row = new EventRow
        {
            ProjectId = "default",
            MessageId = Encoding.UTF8.GetBytes(s.MessageId),
            Type = s.Type,
            Event = Encoding.UTF8.GetBytes(s.Event),
            SessionId = Encoding.UTF8.GetBytes(s.SessionId),
            TimestampMs = s.TimestampMs,
            ReceivedAtMs = s.TimestampMs + 5,
            PageTitle = Encoding.UTF8.GetBytes(s.Title),
            ReferrerHost = string.Empty,
            Keyword = s.Keyword,
            SearchEngine = string.Empty,
            Browser = "Chrome",
            BrowserVersion = "124",
            Os = "Windows",
            DeviceType = "desktop",
            IsBot = s.IsBot,
            Ip = "203.0.113.0",
            UserAgent = Encoding.UTF8.GetBytes(s.UserAgent),
            ScreenWidth = s.Width,
            Properties = Encoding.UTF8.GetBytes(s.Properties),
        };
        using var record = new PooledBufferWriter(1024);
        EventRecordWriter.Write(record, row);
        Assert.Equal(RecordShape.Row, EventRecord.Inspect(record.WrittenSpan, EventSchema.CurrentVersion, out var rowBytes, out _, out _));
        return rowBytes.ToArray();
    }

    private Task<List<JsonObject>> SelectAsync(ClickHouseStore store, string sql) =>
        fixture.RowsAsync(sql.Replace("{table}", store.Table("events"), StringComparison.Ordinal));
}
