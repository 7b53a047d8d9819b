using System.Text;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>The application's ClickHouse code path (ClickHouse.Driver over HTTP) against the embedded store.</summary>
[Collection(ChdbCollection.Name)]
public sealed class DriverRoundTripTests(ChdbFixture fixture)
{
    private static readonly DateTime Epoch = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Columns = ["id", "ts", "at", "name", "tags", "score"];

    [Fact]
    public async Task Ping_succeeds()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);

        Assert.True(await client.PingAsync());
    }

    [Fact]
    public async Task Bulk_insert_then_select_back_with_parameters()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);
        var table = await CreateEventsTableAsync(client);
        const int count = 25_000;
        var rows = Enumerable.Range(0, count).Select(i => new object[]
        {
            (ulong)i,
            Epoch.AddMilliseconds(i),
            Epoch.AddSeconds(i),
            i % 2 == 0 ? "page\n\nview" : "点击",
            new[] { "t" + (i % 5), "\0" },
            i % 7 == 0 ? null! : i / 10.0,
        });

        var written = await client.InsertBinaryAsync(table, Columns, rows, new InsertOptions { BatchSize = 10_000 });

        Assert.Equal(count, written);
        Assert.Equal((ulong)count, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));

        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("from", 20_000UL);
        parameters.AddParameter("name", "点击");
        using var reader = await client.ExecuteReaderAsync(
            $"SELECT id, ts, at, name, tags, score FROM {table} WHERE id >= {{from:UInt64}} AND name = {{name:String}} ORDER BY id LIMIT 2",
            parameters);
        Assert.True(reader.Read());
        Assert.Equal(20_001UL, Convert.ToUInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Epoch.AddMilliseconds(20_001), ToUtc(reader.GetValue(1)));
        Assert.Equal(Epoch.AddSeconds(20_001), ToUtc(reader.GetValue(2)));
        Assert.Equal("点击", reader.GetString(3));
        Assert.Equal(new[] { "t1", "\0" }, (string[])reader.GetValue(4));
        Assert.Equal(2000.1, (double)reader.GetValue(5), 6);
        Assert.True(reader.Read());
        Assert.Equal(20_003UL, Convert.ToUInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Raw_rowbinary_stream_insert_through_the_driver()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);
        var table = Names.Table("raw");
        await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a");
        var rows = RowBinary.Rows(Enumerable.Range(0, 5000).Select(i => ((uint)i, "\n\n" + i)));

        using var response = await client.InsertRawStreamAsync(table, new MemoryStream(rows), "RowBinary", ["a", "s"]);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal((ulong)5000, await client.ExecuteScalarAsync($"SELECT countIf(startsWith(s, '\\n\\n')) FROM {table}"));
    }

    [Fact]
    public async Task Server_errors_surface_as_clickhouse_server_exceptions()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString);

        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteScalarAsync("SELECT * FROM no_such_table"));

        Assert.Equal(60, error.ErrorCode);
    }

    [Fact]
    public async Task Driver_with_compression_enabled_works_too()
    {
        using var client = new ClickHouseClient(fixture.Server.ConnectionString.Replace("Compression=false", "Compression=true", StringComparison.Ordinal));
        var table = Names.Table("gz");
        await client.ExecuteNonQueryAsync($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a");

        await client.InsertBinaryAsync(table, ["a", "s"], Enumerable.Range(0, 1000).Select(i => new object[] { (uint)i, new string('x', i % 50) }));

        Assert.Equal((ulong)1000, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
        Assert.Equal(new string('x', 49), await client.ExecuteScalarAsync($"SELECT max(s) FROM {table}"));
    }

    private static async Task<string> CreateEventsTableAsync(ClickHouseClient client)
    {
        var table = Names.Table("events");
        await client.ExecuteNonQueryAsync(new StringBuilder()
            .Append($"CREATE TABLE {table} (id UInt64, ts DateTime64(3, 'UTC'), at DateTime, name String, ")
            .Append("tags Array(String), score Nullable(Float64)) ENGINE = MergeTree ORDER BY id")
            .ToString());
        return table;
    }

    private static DateTime ToUtc(object value) => value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime dateTime => dateTime.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc) : dateTime.ToUniversalTime(),
        _ => throw new InvalidCastException(value.GetType().FullName),
    };
}
