using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using ClickHouse.Driver;
using Xunit.Abstractions;

namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>
/// The SQL port as an attacker or a careless client meets it: real HTTP against the real embedded
/// server, with the users tracking (internal) and analyst (read-only).
/// </summary>
[Collection(ChdbCollection.Name)]
public sealed class AccessControlTests(ChdbFixture fixture, ITestOutputHelper output) : IDisposable
{
    /// <summary>Carries only the credentials each request names.</summary>
    private readonly HttpClient _plain = new() { BaseAddress = fixture.Server.Endpoint, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signed in as the internal user.</summary>
    private HttpClient Http => fixture.Http;

    public void Dispose() => _plain.Dispose();

    [Fact]
    public async Task Anonymous_requests_are_refused_as_clickhouse_refuses_them()
    {
        var anonymous = _plain;
        var table = await CreateTableAsync();

        using var response = await anonymous.PostAsync("/", new StringContent($"DROP TABLE {table}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("516", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.StartsWith("Code: 516. DB::Exception: default: Authentication failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\n", await CountAsync(table));
        Assert.Equal("Ok.\n", await anonymous.GetStringAsync("/ping")); // health checks need no password, as in ClickHouse

        // Nothing else about the request is answered first: an unknown setting is not named to a stranger.
        using var badSetting = await anonymous.PostAsync("/?no_such_setting=1", new StringContent("SELECT 1"));
        Assert.Equal(HttpStatusCode.Forbidden, badSetting.StatusCode);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("headers")]
    [InlineData("url")]
    public async Task Wrong_passwords_are_refused_and_right_ones_accepted_in_every_way_clickhouse_reads_them(string how)
    {
        using var wrong = Request(HttpMethod.Post, "/", how, EmbeddedClickHouse.AnalystUser, fixture.AnalystPassword + "x", "SELECT 1");
        using var right = Request(HttpMethod.Post, "/", how, EmbeddedClickHouse.AnalystUser, fixture.AnalystPassword, "SELECT 1");
        using var internalWithAnalystPassword = Request(HttpMethod.Post, "/", how, EmbeddedClickHouse.InternalUser, fixture.AnalystPassword, "SELECT 1");

        using var refused = await _plain.SendAsync(wrong);
        using var accepted = await _plain.SendAsync(right);
        using var crossed = await _plain.SendAsync(internalWithAnalystPassword);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("analyst: Authentication failed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("1\n", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
    }

    [Theory]
    [InlineData("DROP TABLE {t}")]
    [InlineData("TRUNCATE TABLE {t}")]
    [InlineData("INSERT INTO {t} VALUES (2)")]
    [InlineData("INSERT INTO {t} SELECT 3")]
    [InlineData("ALTER TABLE {t} DELETE WHERE 1")]
    [InlineData("CREATE TABLE {t}_copy AS {t}")]
    [InlineData("OPTIMIZE TABLE {t} FINAL")]
    [InlineData("SYSTEM STOP MERGES")]
    [InlineData("SELECT * FROM {t} SETTINGS max_execution_time = 0")]
    [InlineData("SELECT * FROM (SELECT * FROM {t} SETTINGS readonly = 0)")]
    public async Task The_analyst_reads_but_cannot_change_anything(string statement)
    {
        var table = await CreateTableAsync();

        using var select = await AsAnalystAsync($"SELECT count() FROM {table}");
        using var change = await AsAnalystAsync(statement.Replace("{t}", table, StringComparison.Ordinal));

        Assert.Equal("1\n", await select.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Contains("readonly mode", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\n", await CountAsync(table));
        Assert.Equal("0\n", await Http.GetStringAsync(Url($"SELECT count() FROM system.tables WHERE name = '{table}_copy'")));
    }

    [Fact]
    public async Task An_analyst_insert_body_is_refused_without_being_spooled_to_disk()
    {
        var table = await CreateTableAsync();
        var spool = Path.Combine(fixture.DataPath, "http_insert_spool");
        var before = DateTime.UtcNow; // after the table's own insert, which was spooled
        using var request = Request(HttpMethod.Post, "/?query=" + Uri.EscapeDataString($"INSERT INTO {table} FORMAT RowBinary"), "basic", EmbeddedClickHouse.AnalystUser, fixture.AnalystPassword, "");
        request.Content = new ByteArrayContent(new byte[4 << 20]);

        using var response = await _plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Directory.GetFiles(spool), file => File.GetLastWriteTimeUtc(file) >= before);
        Assert.Equal("1\n", await CountAsync(table));
    }

    [Theory]
    [InlineData("SELECT * FROM file('{keys}', 'RawBLOB')")]
    [InlineData("SELECT file('{keys}')")]
    [InlineData("SELECT * FROM `file`('{keys}', 'RawBLOB')")]
    [InlineData("SELECT `fil\\x65`('{keys}')")]
    [InlineData("SELECT * FROM \"fil\\x65\"('{keys}', 'RawBLOB')")]
    [InlineData("SELECT * FROM FILE /* spaced */ ('{keys}', 'RawBLOB')")]
    [InlineData("SELECT * FROM url('http://127.0.0.1:1/', 'RawBLOB')")]
    [InlineData("SELECT * FROM remote('127.0.0.1:9000', system.one)")]
    [InlineData("SELECT * FROM s3('http://127.0.0.1:1/b/k', 'RawBLOB')")]
    [InlineData("SELECT * FROM executable('id', 'RawBLOB', 'x String')")]
    [InlineData("SELECT 1 INTO OUTFILE '{out}'")]
    [InlineData("INSERT INTO FUNCTION file('{out}', 'CSV') SELECT 1")]
    [InlineData("CREATE TABLE leak_{id} ENGINE = File(RawBLOB, '{keys}')")]
    [InlineData("CREATE DATABASE fs_{id} ENGINE = Filesystem('/etc')")]
    [InlineData("INSERT INTO t_{id} FROM INFILE '{keys}' FORMAT RawBLOB")]
    public async Task No_user_reaches_files_other_servers_or_programs(string template)
    {
        var keys = Path.Combine(fixture.DataPath, "secret_" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(keys, "wk_secret");
        var written = Path.Combine(fixture.DataPath, "written_" + Guid.NewGuid().ToString("N") + ".csv");
        var sql = template.Replace("{keys}", keys, StringComparison.Ordinal).Replace("{out}", written, StringComparison.Ordinal)
            .Replace("{id}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

        using var asInternal = await Http.PostAsync("/", new StringContent(sql));
        using var asAnalyst = await AsAnalystAsync(sql);

        foreach (var response in new[] { asInternal, asAnalyst })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("wk_secret", body, StringComparison.Ordinal);
        }

        Assert.Equal("497", Header(asInternal, "X-ClickHouse-Exception-Code"));
        Assert.False(File.Exists(written), "a file was written");
    }

    [Theory]
    [InlineData("DROP TABLE {t}")]
    [InlineData("INSERT INTO {t} VALUES (5)")]
    [InlineData("CREATE TABLE {t}_copy AS {t}")]
    public async Task A_get_request_only_reads_even_for_the_internal_user(string statement)
    {
        var table = await CreateTableAsync();

        using var response = await Http.GetAsync(Url(statement.Replace("{t}", table, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("164", Header(response, "X-ClickHouse-Exception-Code"));
        Assert.Contains("send other statements with POST", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\n", await CountAsync(table));
    }

    [Theory]
    [InlineData("SELECT getSetting('max_threads') SETTINGS max_threads = 3")]
    [InlineData("SELECT getSetting('max_threads') FORMAT TSV SETTINGS max_threads = 3")]
    public async Task A_get_request_may_still_change_settings_as_in_clickhouse(string sql)
    {
        Assert.Equal("3\n", await Http.GetStringAsync(Url(sql)));
    }

    [Fact]
    public async Task A_readonly_parameter_makes_a_post_read_only()
    {
        var table = await CreateTableAsync();

        using var response = await Http.PostAsync("/?readonly=1", new StringContent($"DROP TABLE {table}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("1\n", await CountAsync(table));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Requests_from_web_pages_are_refused_even_with_valid_credentials(string header, string value)
    {
        var table = await CreateTableAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent($"DROP TABLE {table}") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("web pages", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1\n", await CountAsync(table));
    }

    [Fact]
    public async Task Refused_requests_are_counted_by_reason()
    {
        var counted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EmbeddedClickHouseMetrics.Name && instrument.Name == "tracking.sql.requests.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value!);
            }
        });
        listener.Start();

        using var anonymous = await _plain.PostAsync("/", new StringContent("SELECT 1"));
        using var file = await Http.PostAsync("/", new StringContent("SELECT file('/etc/hostname')"));

        lock (counted)
        {
            Assert.Contains("AUTHENTICATION_FAILED", counted);
            Assert.Contains("ACCESS_DENIED", counted);
        }
    }

    [Fact]
    public async Task Analyst_queries_stop_at_max_execution_time()
    {
        var clock = Stopwatch.StartNew();
        using var response = await AsAnalystAsync("SELECT count() FROM numbers(1000000000000) WHERE NOT ignore(sipHash64(number))");
        clock.Stop();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("159", Header(response, "X-ClickHouse-Exception-Code")); // TIMEOUT_EXCEEDED
        Assert.Contains("maximum: " + ChdbFixture.AnalystMaxExecutionTime.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        output.WriteLine($"analyst query stopped after {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("max_execution_time=1000", "452")]
    [InlineData("max_execution_time=0", "452")]
    [InlineData("max_result_rows=100000000", "452")]
    [InlineData("allow_ddl=1", "164")]
    [InlineData("readonly=0", "164")]
    [InlineData("output_format_schema=/tmp/x", "164")]
    public async Task The_analyst_cannot_raise_its_limits_or_change_other_settings(string setting, string code)
    {
        using var response = await AsAnalystAsync("SELECT 1", "?" + setting);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(code, Header(response, "X-ClickHouse-Exception-Code"));
    }

    [Fact]
    public async Task The_analyst_may_lower_limits_and_choose_output_formatting()
    {
        using var lowered = await AsAnalystAsync("SELECT number FROM numbers(10)", "?max_result_rows=5");
        using var formatted = await AsAnalystAsync("SELECT toUInt64(7) AS n FORMAT JSONEachRow", "?output_format_json_quote_64bit_integers=1");

        Assert.Equal("396", Header(lowered, "X-ClickHouse-Exception-Code")); // TOO_MANY_ROWS_OR_BYTES
        Assert.Equal("{\"n\":\"7\"}\n", await formatted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClickHouse_Driver_works_with_the_analyst_credentials_and_reads_only()
    {
        var table = await CreateTableAsync();
        using var client = new ClickHouseClient(fixture.Server.AnalystConnectionString);

        Assert.True(await client.PingAsync());
        Assert.Equal((ulong)1, await client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
        await Assert.ThrowsAnyAsync<Exception>(() => client.ExecuteNonQueryAsync($"DROP TABLE {table}"));
        Assert.Equal("1\n", await CountAsync(table));
    }

    /// <summary>
    /// Three slow analyst queries, then an internal statement: it runs right after the one that holds the
    /// connection, not after all three. The figures go to the test output (benchmarks/README.md).
    /// </summary>
    [Fact]
    public async Task Internal_statements_wait_for_at_most_the_running_analyst_query()
    {
        const string slow = "SELECT count() FROM numbers(1000000000000) WHERE NOT ignore(sipHash64(number))";
        var clock = Stopwatch.StartNew();
        var analysts = new List<Task<long>>();
        for (var i = 0; i < 3; i++)
        {
            analysts.Add(TimeAsync(() => AsAnalystAsync(slow), clock));
            await Task.Delay(300); // the first holds the connection, the others queue behind it
        }

        var internalSent = clock.ElapsedMilliseconds;
        var internalDone = await TimeAsync(() => Http.PostAsync("/", new StringContent("SELECT 1")), clock);
        var analystDone = await Task.WhenAll(analysts);

        var waited = internalDone - internalSent;
        output.WriteLine($"internal SELECT 1 waited {waited} ms behind analyst queries of max_execution_time {ChdbFixture.AnalystMaxExecutionTime.TotalMilliseconds} ms; analysts done at {string.Join(", ", analystDone)} ms");
        Assert.True(internalDone < analystDone[1], $"the internal statement ({internalDone} ms) waited for a queued analyst query ({analystDone[1]} ms)");
        Assert.True(waited < ChdbFixture.AnalystMaxExecutionTime.TotalMilliseconds * 2, $"waited {waited} ms");
    }

    private static async Task<long> TimeAsync(Func<Task<HttpResponseMessage>> send, Stopwatch clock)
    {
        using var response = await send();
        return clock.ElapsedMilliseconds;
    }

    private async Task<HttpResponseMessage> AsAnalystAsync(string sql, string query = "")
    {
        using var request = Request(HttpMethod.Post, "/" + query, "basic", EmbeddedClickHouse.AnalystUser, fixture.AnalystPassword, sql);
        return await _plain.SendAsync(request);
    }

    /// <summary>A request carrying credentials one way only: Basic, X-ClickHouse-User/Key or user/password in the URL.</summary>
    private static HttpRequestMessage Request(HttpMethod method, string path, string how, string user, string password, string sql)
    {
        var url = how == "url" ? path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"user={Uri.EscapeDataString(user)}&password={Uri.EscapeDataString(password)}" : path;
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(sql) };
        if (how == "basic")
        {
            request.Headers.Authorization = ChdbFixture.Basic(user, password);
        }

        if (how == "headers")
        {
            request.Headers.Add("X-ClickHouse-User", user);
            request.Headers.Add("X-ClickHouse-Key", password);
        }

        return request;
    }

    private async Task<string> CreateTableAsync()
    {
        var table = Names.Table("access");
        using var create = await Http.PostAsync("/", new StringContent($"CREATE TABLE {table} (x UInt32) ENGINE = MergeTree ORDER BY x"));
        using var insert = await Http.PostAsync("/", new StringContent($"INSERT INTO {table} VALUES (1)"));
        Assert.True(create.IsSuccessStatusCode && insert.IsSuccessStatusCode, await create.Content.ReadAsStringAsync());
        return table;
    }

    private Task<string> CountAsync(string table) => Http.GetStringAsync(Url($"SELECT count() FROM {table}"));

    private static string Url(string sql) => "/?query=" + Uri.EscapeDataString(sql);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;
}
