using System.Text;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Tests;

public sealed class StatementAnalyzerTests
{
    [Theory]
    [InlineData("INSERT INTO t FORMAT RowBinary\n\u0001\u0002", "RowBinary", "\u0001\u0002")]
    [InlineData("INSERT INTO t (a, `format`) FORMAT CSV  \r\n\n1,2", "CSV", "\n1,2")]
    [InlineData("insert into format format TSV 1\t2", "TSV", "1\t2")]
    [InlineData("INSERT INTO db.t SETTINGS x = 'FORMAT' FORMAT JSONEachRow {}", "JSONEachRow", "{}")]
    [InlineData("/* FORMAT no */ INSERT INTO t -- FORMAT no\n VALUES (1, 'a;b')", "Values", "(1, 'a;b')")]
    public void Finds_where_inline_insert_data_starts(string sql, string format, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(sql);

        var shape = StatementAnalyzer.Analyze(bytes, isComplete: true);

        Assert.Equal(StatementKind.Insert, shape.Kind);
        Assert.NotNull(shape.Insert);
        Assert.Equal(format, shape.Insert.Format);
        Assert.Equal(data, Encoding.UTF8.GetString(bytes.AsSpan(shape.Insert.DataStart)));
    }

    [Fact]
    public void Settings_clause_decides_where_from_infile_goes()
    {
        var bytes = "INSERT INTO t SETTINGS a = 1 FORMAT CSV\n1"u8.ToArray();

        var insert = StatementAnalyzer.Analyze(bytes, isComplete: true).Insert!;

        Assert.Equal("INSERT INTO t ", Encoding.UTF8.GetString(bytes, 0, insert.InfileAt));
        Assert.Equal("SETTINGS a = 1 ", Encoding.UTF8.GetString(bytes, insert.InfileAt, insert.ClauseStart - insert.InfileAt));
    }

    [Theory]
    [InlineData("INSERT INTO t SELECT * FROM s")]
    [InlineData("INSERT INTO t FROM INFILE 'x' FORMAT CSV")]
    public void Inserts_without_inline_data_are_plain_sql(string sql)
    {
        var shape = StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true);

        Assert.Equal(StatementKind.Insert, shape.Kind);
        Assert.Null(shape.Insert);
    }

    [Theory]
    [InlineData("SELECT 1", false, null)]
    [InlineData("SELECT 1;", false, null)]
    [InlineData("SELECT 1; -- done\n", false, null)]
    [InlineData("SELECT ';' AS x FORMAT JSON", false, "JSON")]
    [InlineData("SELECT format('{}', 1) FORMAT CSV SETTINGS max_threads = 1", false, "CSV")]
    [InlineData("SELECT x AS format FROM t", false, null)]
    [InlineData("SELECT 1; SELECT 2", true, null)]
    public void Reads_queries(string sql, bool multi, string? format)
    {
        var shape = StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true);

        Assert.Equal(StatementKind.Read, shape.Kind);
        Assert.Equal(multi, shape.IsMultiStatement);
        Assert.Equal(format, shape.OutputFormat);
    }

    [Theory]
    [InlineData("SET max_threads = 1", "SessionControl")]
    [InlineData("use db", "SessionControl")]
    [InlineData("SET DEFAULT ROLE r TO u", "Other")]
    [InlineData("  -- nothing\n", "Empty")]
    public void Classifies_statements(string sql, string kind) =>
        Assert.Equal(kind, StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true).Kind.ToString());

    [Fact]
    public void A_prefix_that_ends_inside_the_format_name_asks_for_more()
    {
        var shape = StatementAnalyzer.Analyze("INSERT INTO t FORMAT RowBin"u8, isComplete: false);

        Assert.True(shape.NeedsMoreText);
    }

    [Theory]
    [InlineData("SELECT url, file, remote FROM t WHERE url = 'file(x)'")]
    [InlineData("SELECT URLHierarchy(url), cutURLParameter(url, 'a'), materialize(1), domain(url) FROM t")]
    [InlineData("SELECT * FROM numbers(10) -- file('x')")]
    [InlineData("INSERT INTO t FORMAT RowBinary\nfile(")]
    public void Allows_names_that_only_look_like_refused_calls(string sql) =>
        Assert.Null(StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true).Hazard);

    [Theory]
    [InlineData("SELECT * FROM File('x', 'CSV')", "File()")]
    [InlineData("SELECT * FROM \"url\"('http://h/', 'CSV')", "url()")]
    [InlineData("SELECT * FROM s3Cluster('c', 'http://h/k')", "s3Cluster()")]
    [InlineData("SELECT * FROM icebergLocal('/p')", "icebergLocal()")]
    [InlineData("INSERT INTO t SELECT * FROM remoteSecure('h', db.t)", "remoteSecure()")]
    [InlineData("INSERT INTO t (a) SETTINGS x = 1 FORMAT CSV\n1", null)]
    [InlineData("SELECT 1 INTO OUTFILE 'x'", "INTO OUTFILE")]
    [InlineData("INSERT INTO FUNCTION null('a UInt8') SELECT 1", "INSERT INTO FUNCTION")]
    [InlineData("INSERT INTO t FROM INFILE '/etc/passwd' FORMAT CSV", "FROM INFILE")]
    [InlineData("SELECT {f:Identifier}('x')", "query parameter")]
    public void Finds_calls_that_reach_files_servers_or_programs(string sql, string? refused)
    {
        var hazard = StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true).Hazard;

        if (refused is null)
        {
            Assert.Null(hazard);
        }
        else
        {
            Assert.Contains(refused, hazard, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SELECT 1", "None", 8)]
    [InlineData("SELECT 1; -- done", "None", 8)]
    [InlineData("SELECT 1 SETTINGS max_threads = 1", "Inside", 33)]
    [InlineData("SELECT * FROM (SELECT 1 SETTINGS readonly = 0)", "Inside", 46)]
    [InlineData("SELECT 1 FORMAT TSV SETTINGS max_threads = 1 /* c */", "Trailing", 44)]
    public void Finds_settings_clauses_and_the_statement_end(string sql, string settings, int end)
    {
        var shape = StatementAnalyzer.Analyze(Encoding.UTF8.GetBytes(sql), isComplete: true);

        Assert.Equal(settings, shape.Settings.ToString());
        Assert.Equal(end, shape.End);
        Assert.Equal(StatementKind.Read, shape.Kind);
    }
}
