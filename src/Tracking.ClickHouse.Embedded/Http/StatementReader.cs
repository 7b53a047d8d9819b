using System.Text;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// Turns the URL query and the request body into one statement the way ClickHouse's HTTP handler
/// does (URL query, a newline, then the body), except that INSERT data is diverted into a spool
/// file and the statement rewritten to read it with FROM INFILE.
/// </summary>
internal static class StatementReader
{
    // ClickHouse's max_query_size (256 KiB) bounds the SQL part; anything longer is data.
    private static readonly int HeadLimit = 1024 * 1024;

    /// <param name="readOnly">
    /// The request may not insert: INSERT data is then neither read nor spooled (the statement is refused
    /// from its head), so a read-only user cannot fill the disk with a body.
    /// </param>
    public static async Task<PreparedStatement> ReadAsync(
        string? urlQuery, Stream body, InsertSpool spool, bool readOnly, CancellationToken cancellationToken)
    {
        var text = new PooledBuffer();
        try
        {
            if (!string.IsNullOrEmpty(urlQuery))
            {
                text.Append(Encoding.UTF8.GetBytes(urlQuery + "\n"));
            }

            var complete = await text.FillAsync(body, HeadLimit, cancellationToken);
            var shape = StatementAnalyzer.Analyze(text.Span, complete);
            if (shape.NeedsMoreText)
            {
                complete = await text.FillAsync(body, int.MaxValue, cancellationToken);
                shape = StatementAnalyzer.Analyze(text.Span, complete);
            }

            if (readOnly && shape.Kind == StatementKind.Insert)
            {
                return new PreparedStatement(text, shape);
            }

            if (shape.Insert is { } insert && (insert.DataStart < text.Length || !complete))
            {
                var file = await spool.WriteAsync(text.Memory[insert.DataStart..], body, cancellationToken);
                using (text)
                {
                    return new PreparedStatement(ReadFromFile(text.Span, insert, file), shape, (spool, file));
                }
            }

            if (!complete)
            {
                await text.FillAsync(body, int.MaxValue, cancellationToken);
            }

            return new PreparedStatement(text, shape);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>INSERT INTO t (cols) [SETTINGS ...] FORMAT f &lt;data&gt;</c> becomes
    /// <c>INSERT INTO t (cols) FROM INFILE 'file' [SETTINGS ...] FORMAT f</c>.
    /// </summary>
    private static PooledBuffer ReadFromFile(ReadOnlySpan<byte> text, InlineInsert insert, string file)
    {
        var statement = new PooledBuffer(insert.ClauseStart + file.Length + 64);
        statement.Append(text[..insert.InfileAt]);
        statement.Append(Encoding.UTF8.GetBytes(" FROM INFILE " + SqlQuoting.StringLiteral(file) + " "));
        statement.Append(text[insert.InfileAt..insert.ClauseStart]);
        statement.Append(Encoding.UTF8.GetBytes(" FORMAT " + insert.Format));
        return statement;
    }
}
