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
}
