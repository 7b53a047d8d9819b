using System.Net;
using ClickHouse.Driver;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>The guarantees the loader builds on: idempotent retried inserts and data that outlives the process's server.</summary>
[Collection(ChdbCollection.Name)]
public sealed class DeduplicationAndPersistenceTests(ChdbFixture fixture)
{
    [Fact]
    public async Task Same_block_with_the_same_deduplication_token_is_stored_once()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);
        var table = await CreateTableAsync(client);
        var rows = Enumerable.Range(0, 1000).Select(i => new object[] { (uint)i, "row" + i }).ToList();

        await client.InsertBinaryAsync(table, ["a", "s"], rows, WithToken("offsets-0-999"));
        await client.InsertBinaryAsync(table, ["a", "s"], rows, WithToken("offsets-0-999"));
        Assert.Equal((ulong)1000, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));

        await client.InsertBinaryAsync(table, ["a", "s"], rows, WithToken("offsets-1000-1999"));
        Assert.Equal((ulong)2000, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task Deduplication_token_as_a_url_setting_on_a_raw_insert()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);
        var table = await CreateTableAsync(client);
        var body = RowBinary.Rows([(1, "a"), (2, "b")]);
        var url = "/?insert_deduplication_token=raw-1&query=" + Uri.EscapeDataString($"INSERT INTO {table} FORMAT RowBinary");

        using var first = await fixture.Http.PostAsync(url, new ByteArrayContent(body));
        using var retry = await fixture.Http.PostAsync(url, new ByteArrayContent(body));
        using var untokened = await fixture.Http.PostAsync("/?query=" + Uri.EscapeDataString($"INSERT INTO {table} FORMAT RowBinary"), new ByteArrayContent(RowBinary.Rows([(3, "c")])));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, untokened.StatusCode);
        Assert.Equal((ulong)3, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task Data_persists_across_dispose_and_start_on_the_same_data_path()
    {
        var table = Names.Table("persist");
        using (var client = new ClickHouseClient(fixture.Server.ConnectionString))
        {
            await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a");
            await client.InsertBinaryAsync(table, ["a", "s"], Enumerable.Range(0, 500).Select(i => new object[] { (uint)i, "p" }));
        }

        await fixture.RestartAsync();

        using var after = new ClickHouseClient(fixture.Server.ConnectionString);
        Assert.Equal((ulong)500, await after.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task A_second_instance_in_the_same_process_is_refused_clearly()
    {
        using var otherData = new Tracking.Testing.TempDirectory("chembedded-second");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmbeddedClickHouse.StartAsync(
            new EmbeddedClickHouseOptions { LibraryPath = Tracking.Testing.RepoPaths.ChdbLibrary, DataPath = otherData.Path, Port = 0 },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            CancellationToken.None));

        Assert.Contains("one per process", error.Message, StringComparison.Ordinal);
        Assert.Equal("1\n", await fixture.Http.GetStringAsync("/?query=SELECT%201"));
    }

    private static InsertOptions WithToken(string token) => new()
    {
        CustomSettings = new Dictionary<string, object> { ["insert_deduplication_token"] = token },
    };

    private static async Task<string> CreateTableAsync(ClickHouseClient client)
    {
        var table = Names.Table("dedup");
        await client.ExecuteNonQueryAsync(
            $"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a SETTINGS non_replicated_deduplication_window = 1000");
        return table;
    }
}
