using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>What curl sees: the plain ClickHouse HTTP interface.</summary>
[Collection(ChdbCollection.Name)]
public sealed class HttpInterfaceTests(ChdbFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Select_one_in_the_url_answers_tab_separated()
    {
        using var response = await Http.GetAsync(Url("SELECT 1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("TabSeparated", Header(response, "X-ClickHouse-Format"));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-ClickHouse-Query-Id")));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-ClickHouse-Timezone")));
        using var summary = JsonDocument.Parse(Header(response, "X-ClickHouse-Summary")!);
        Assert.Equal("1", summary.RootElement.GetProperty("result_rows").GetString());
    }

    [Fact]
    public async Task Query_in_the_body_runs_too()
    {
        using var response = await Http.PostAsync("/", new StringContent("SELECT 1 + 1"));

        Assert.Equal("2\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Format_json_parses_with_the_right_data()
    {
        using var response = await Http.GetAsync(Url("SELECT toUInt32(number) AS n, toString(number * 10) AS s FROM numbers(3) FORMAT JSON"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("JSON", Header(response, "X-ClickHouse-Format"));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows[2].GetProperty("n").GetInt32());
        Assert.Equal("20", rows[2].GetProperty("s").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Default_format_applies_when_the_query_names_none()
    {
        using var response = await Http.GetAsync(Url("SELECT 7 AS x") + "&default_format=JSONEachRow");

        Assert.Equal("{\"x\":7}\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("JSONEachRow", Header(response, "X-ClickHouse-Format"));
    }

    [Fact]
    public async Task Unknown_table_is_a_404_with_the_clickhouse_error_shape()
    {
        using var response = await Http.GetAsync(Url("SELECT * FROM no_such_table"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60", Header(response, "X-ClickHouse-Exception-Code"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Code: 60. DB::Exception: ", body, StringComparison.Ordinal);
        Assert.Contains("(UNKNOWN_TABLE)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_is_a_400()
    {
        using var response = await Http.PostAsync("/", new StringContent("SELEC 1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("62", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.StartsWith("Code: 62. DB::Exception: Syntax error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrapped_chdb_errors_are_unwrapped()
    {
        using var response = await Http.GetAsync(Url("SELECT 1 FORMAT NoSuchFormat"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Code: 73. DB::Exception: Unknown format NoSuchFormat", body, StringComparison.Ordinal);
        Assert.Single(body.Split("DB::Exception"), part => part.Length > 0 && !part.StartsWith("Code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ping_answers_ok()
    {
        Assert.Equal("Ok.\n", await Http.GetStringAsync("/ping"));
        Assert.Equal("Ok.\n", await Http.GetStringAsync("/"));
    }

    [Fact]
    public async Task Unknown_paths_are_404()
    {
        using var response = await Http.GetAsync("/no/such/handler");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Query_parameters_are_bound_by_the_engine_not_spliced_into_sql()
    {
        const string hostile = "x'); DROP TABLE t; --\t\\";
        var url = Url("SELECT {a:UInt32} + 1 AS a, {s:String} AS s, {list:Array(String)} AS l FORMAT JSONEachRow")
            + "&param_a=41&param_s=" + Uri.EscapeDataString(hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal))
            + "&param_list=" + Uri.EscapeDataString("['p','q']");

        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(42, json.RootElement.GetProperty("a").GetInt64());
        Assert.Equal(hostile, json.RootElement.GetProperty("s").GetString());
        Assert.Equal(["p", "q"], json.RootElement.GetProperty("l").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_array_parameter_of_thousands_of_ids_fits_in_the_url()
    {
        // Erasure passes a person's session ids this way; Kestrel's default 8 KiB request line held ~180.
        var ids = Enumerable.Range(0, 5000).Select(i => $"session-{i:D6}-{Guid.NewGuid():N}").ToList();
        var url = Url("SELECT length({ids:Array(String)}), {ids:Array(String)}[5000]") + "&param_ids=" + Uri.EscapeDataString("['" + string.Join("','", ids) + "']");
        Assert.True(url.Length > 200_000, "the URL must be far beyond Kestrel's default limit");

        using var response = await Http.PostAsync(url, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"5000\t{ids[^1]}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_query_parameter_is_an_error()
    {
        using var response = await Http.GetAsync(Url("SELECT {a:UInt32}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("456", Header(response, "X-ClickHouse-Exception-Code"));
    }

    [Fact]
    public async Task Gzip_request_bodies_are_decompressed()
    {
        using var content = new ByteArrayContent(Gzip("SELECT 40 + 2"u8.ToArray()));
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await Http.PostAsync("/", content);

        Assert.Equal("42\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_are_gzipped_when_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("SELECT repeat('a', 1000)") + "&enable_http_compression=1");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await Http.SendAsync(request);

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var unzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        Assert.Equal(new string('a', 1000) + "\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Settings_in_the_url_apply_to_that_query_only()
    {
        var changed = await Http.GetStringAsync(Url("SELECT getSetting('max_block_size')") + "&max_block_size=1234");
        var after = await Http.GetStringAsync(Url("SELECT getSetting('max_block_size')"));

        Assert.Equal("1234\n", changed);
        Assert.NotEqual("1234\n", after);
    }

    [Fact]
    public async Task Settings_in_the_url_take_effect()
    {
        using var response = await Http.GetAsync(Url("SELECT number FROM numbers(100)") + "&max_result_rows=5&result_overflow_mode=throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("396", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.Equal("100\n", await Http.GetStringAsync(Url("SELECT count() FROM (SELECT number FROM numbers(100))")));
    }

    [Fact]
    public async Task Unknown_settings_are_rejected()
    {
        using var response = await Http.GetAsync(Url("SELECT 1") + "&no_such_setting=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("115", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.Equal("1\n", await Http.GetStringAsync(Url("SELECT 1")));
    }

    [Fact]
    public async Task Http_only_parameters_are_accepted()
    {
        var body = await Http.GetStringAsync(
            Url("SELECT 5") + "&wait_end_of_query=1&session_id=abc&query_id=q-123&compress=0&readonly=1");

        Assert.Equal("5\n", body);
    }

    [Fact]
    public async Task Query_id_is_echoed()
    {
        using var response = await Http.GetAsync(Url("SELECT 1") + "&query_id=my-query-1");

        Assert.Equal("my-query-1", Header(response, "X-ClickHouse-Query-Id"));
    }

    [Fact]
    public async Task Multi_statements_are_refused_and_set_does_not_leak_into_later_requests()
    {
        using var multi = await Http.PostAsync("/", new StringContent("SELECT 1; SELECT 2"));
        using var set = await Http.PostAsync("/", new StringContent("SET max_block_size = 777"));
        var after = await Http.GetStringAsync(Url("SELECT getSetting('max_block_size')"));

        Assert.Equal(HttpStatusCode.BadRequest, multi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.NotEqual("777\n", after);
        Assert.Equal("1\n", await (await Http.PostAsync("/", new StringContent("SELECT 1;"))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Database_parameter_selects_the_current_database()
    {
        var database = Names.Table("db");
        await Ok($"CREATE DATABASE {database}");
        await Ok($"CREATE TABLE {database}.t (x UInt8) ENGINE = Memory");
        await Ok($"INSERT INTO {database}.t VALUES (1), (2)");

        var inDatabase = await Http.GetStringAsync(Url("SELECT count() FROM t") + "&database=" + database);
        using var inDefault = await Http.GetAsync(Url("SELECT count() FROM t"));
        using var unknown = await Http.GetAsync(Url("SELECT 1") + "&database=no_such_db");

        Assert.Equal("2\n", inDatabase);
        Assert.Equal(HttpStatusCode.NotFound, inDefault.StatusCode);
        Assert.Equal("81", Header(unknown, "X-ClickHouse-Exception-Code"));
    }

    [Fact]
    public async Task Insert_data_in_the_body_with_the_query_in_the_url()
    {
        var table = Names.Table("csv");
        await Ok($"CREATE TABLE {table} (a UInt32, s String) ENGINE = MergeTree ORDER BY a");

        using var insert = await Http.PostAsync(Url($"INSERT INTO {table} FORMAT JSONEachRow"), new StringContent("{\"a\":1,\"s\":\"one\"}\n\n{\"a\":2,\"s\":\"two\"}"));
        using var values = await Http.PostAsync(Url($"INSERT INTO {table} VALUES"), new StringContent("(3, 'three'),\n\n(4, 'x\n\ny')"));
        using var settings = await Http.PostAsync("/", new StringContent($"INSERT INTO {table} SETTINGS max_insert_block_size = 1000 FORMAT TSV\n5\tfive\n"));

        Assert.True(insert.IsSuccessStatusCode, await insert.Content.ReadAsStringAsync());
        Assert.True(values.IsSuccessStatusCode, await values.Content.ReadAsStringAsync());
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        Assert.Equal(
            "1\tone\n2\ttwo\n3\tthree\n4\tx\\n\\ny\n5\tfive\n",
            await Http.GetStringAsync(Url($"SELECT a, s FROM {table} ORDER BY a")));
    }

    [Fact]
    public async Task Insert_into_unknown_table_is_an_error()
    {
        using var response = await Http.PostAsync("/", new StringContent("INSERT INTO no_such_table FORMAT CSV\n1\n"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60", Header(response, "X-ClickHouse-Exception-Code"));
    }

    private static string Url(string sql) => "/?query=" + Uri.EscapeDataString(sql);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;

    private async Task Ok(string sql)
    {
        using var response = await Http.PostAsync("/", new StringContent(sql));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
