using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>
/// Binary INSERT bodies arrive intact. chDB ends inline INSERT data at the first empty line, so
/// these rows are made of newlines, NULs and spaces on purpose.
/// </summary>
[Collection(ChdbCollection.Name)]
public sealed class RowBinaryInsertTests(ChdbFixture fixture)
{
    private HttpClient Http => fixture.Http;

    public static TheoryData<bool> Compressed => new() { false, true };

    [Theory]
    [MemberData(nameof(Compressed))]
    public async Task Raw_rowbinary_insert_in_the_body_keeps_every_row(bool gzip)
    {
        var table = await CreateTableAsync();
        const int count = 200_000;
        var rows = Enumerable.Range(0, count).Select(i => ((uint)i, (i % 3) switch { 0 => "\n\n", 1 => "\0 \n", _ => "" }));
        var body = Concat(Encoding.UTF8.GetBytes($"INSERT INTO {table} FORMAT RowBinary\n"), RowBinary.Rows(rows));

        using var response = await PostAsync("/", body, gzip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"{count}\t{(count + 2) / 3}\t{count - 1}\n",
            await Http.GetStringAsync(Url($"SELECT count(), countIf(s = '\\n\\n'), max(a) FROM {table}")));
        Assert.Contains("\"written_rows\":\"200000\"", response.Headers.GetValues("X-ClickHouse-Summary").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_in_the_url_and_data_starting_with_newlines_in_the_body()
    {
        var table = await CreateTableAsync();
        var body = RowBinary.Rows([(10, "first"), (0x0A0A, "\n\n"), (32, " ")]); // 10 encodes as a leading '\n'

        using var response = await PostAsync(Url($"INSERT INTO {table} (a, s) FORMAT RowBinary"), body, gzip: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10\tfirst\n32\t \n2570\t\\n\\n\n", await Http.GetStringAsync(Url($"SELECT a, s FROM {table} ORDER BY a")));
    }

    [Fact]
    public async Task Bodies_larger_than_kestrels_default_limit_are_accepted()
    {
        var table = await CreateTableAsync();
        const int count = 1_000_000;
        var body = RowBinary.Rows(Enumerable.Range(0, count).Select(i => ((uint)i, "0123456789abcdef0123456789abcdef\n\n\0 ")));
        Assert.True(body.Length > 40_000_000);

        using var response = await PostAsync(Url($"INSERT INTO {table} FORMAT RowBinary"), body, gzip: false);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal($"{count}\t36\n", await Http.GetStringAsync(Url($"SELECT count(), max(length(s)) FROM {table}")));
    }

    [Fact]
    public async Task Truncated_rowbinary_is_an_error_not_a_partial_insert()
    {
        var table = await CreateTableAsync();
        var rows = RowBinary.Rows([(1, "abc"), (2, "def")]);

        using var response = await PostAsync(Url($"INSERT INTO {table} FORMAT RowBinary"), rows[..^2], gzip: false);

        Assert.False(response.IsSuccessStatusCode);
        Assert.StartsWith("Code: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("0\n", await Http.GetStringAsync(Url($"SELECT count() FROM {table}")));
    }

    [Fact]
    public async Task A_spool_file_reused_for_a_shorter_insert_carries_none_of_the_longer_ones_rows()
    {
        var longer = await CreateTableAsync();
        var shorter = await CreateTableAsync();
        var many = RowBinary.Rows(Enumerable.Range(1, 10_000).Select(i => ((uint)i, "from the longer insert")));

        // One after the other, so the second insert is spooled into the file the first one left.
        using (var first = await PostAsync(Url($"INSERT INTO {longer} FORMAT RowBinary"), many, gzip: false))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await PostAsync(Url($"INSERT INTO {shorter} FORMAT RowBinary"), RowBinary.Rows([(1, "x"), (2, "y")]), gzip: false);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("2\t3\txy\n", await Http.GetStringAsync(Url($"SELECT count(), sum(a), arrayStringConcat(groupArray(s)) FROM (SELECT * FROM {shorter} ORDER BY a)")));
        Assert.Equal("10000\n", await Http.GetStringAsync(Url($"SELECT count() FROM {longer}")));
    }

    [Fact]
    public async Task The_spool_keeps_a_few_files_for_reuse_not_one_per_insert()
    {
        var table = await CreateTableAsync();

        for (uint i = 0; i < 10; i++)
        {
            using var response = await PostAsync(Url($"INSERT INTO {table} FORMAT RowBinary"), RowBinary.Rows([(i, "x")]), gzip: false);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("10\n", await Http.GetStringAsync(Url($"SELECT count() FROM {table}")));
        var spool = Path.Combine(fixture.DataPath, "http_insert_spool");
        Assert.InRange(Directory.GetFiles(spool).Length, 1, 4);

        // Stopped, the engine leaves none of them behind in the data folder.
        await fixture.Server.DisposeAsync();
        Assert.Empty(Directory.GetFiles(spool));
        await fixture.RestartAsync();
        Assert.Equal("10\n", await fixture.Http.GetStringAsync(Url($"SELECT count() FROM {table}")));
    }

    private async Task<string> CreateTableAsync()
    {
        var table = Names.Table("rb");
        using var response = await Http.PostAsync("/", new StringContent($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return table;
    }

    private async Task<HttpResponseMessage> PostAsync(string url, byte[] body, bool gzip)
    {
        var content = new ByteArrayContent(gzip ? HttpInterfaceTests.Gzip(body) : body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return await Http.PostAsync(url, content);
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    private static string Url(string sql) => "/?query=" + Uri.EscapeDataString(sql);
}
