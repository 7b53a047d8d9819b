using System.Text;

namespace Tracking.ClickHouse.Embedded.Sql;

/// <summary>
/// Reads the structure of one HTTP query text (URL query, newline, body) without parsing SQL:
/// which kind of statement it is, whether more than one is present, and for an INSERT where its
/// inline data begins, so the data can be handed to chDB as a file instead of as query text.
/// </summary>
internal static class StatementAnalyzer
{
    private static readonly string[] ReadKeywords = ["SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN"];

    /// <param name="text">The query text, or a prefix of it.</param>
    /// <param name="isComplete">False when <paramref name="text"/> is only a prefix of a longer body.</param>
    public static StatementShape Analyze(ReadOnlySpan<byte> text, bool isComplete)
    {
        var lexer = new SqlLexer(text);
        if (!lexer.Next(out var first))
        {
            return isComplete ? new StatementShape(StatementKind.Empty, false, null, null, false, null, 0) : StatementShape.Incomplete;
        }

        if (first.IsWord(text, "INSERT"))
        {
            var insert = FindInlineData(text, ref lexer, isComplete, out var needsMore);
            if (needsMore)
            {
                return StatementShape.Incomplete;
            }

            if (insert is not null)
            {
                return new StatementShape(StatementKind.Insert, false, insert, null, false, StatementHazards.Find(text[..insert.DataStart]), insert.DataStart);
            }

            // INSERT ... SELECT and INSERT ... FROM INFILE are plain SQL: scan them like queries.
            lexer = new SqlLexer(text);
            lexer.Next(out _);
        }

        var kind = first.IsWord(text, "INSERT") ? StatementKind.Insert
            : IsSessionControl(text, first, lexer.Position) ? StatementKind.SessionControl
            : IsRead(text, first, lexer.Position) ? StatementKind.Read
            : StatementKind.Other;
        if (!isComplete)
        {
            return StatementShape.Incomplete;
        }

        var (multi, format, end, settings) = ScanRest(text, ref lexer, first.End);
        return new StatementShape(kind, multi, null, format, false, StatementHazards.Find(text), end, settings);
    }

    /// <summary>Statements that only read, as ClickHouse's readonly=1 lets them run; a leading bracket may wrap a SELECT.</summary>
    private static bool IsRead(ReadOnlySpan<byte> text, SqlToken first, int afterFirst)
    {
        if (first.IsPunctuation(text, (byte)'('))
        {
            var lexer = new SqlLexer(text, afterFirst);
            return lexer.Next(out var inner) && IsRead(text, inner, lexer.Position);
        }

        foreach (var keyword in ReadKeywords)
        {
            if (first.IsWord(text, keyword))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSessionControl(ReadOnlySpan<byte> text, SqlToken first, int afterFirst)
    {
        if (first.IsWord(text, "USE"))
        {
            return true;
        }

        if (!first.IsWord(text, "SET"))
        {
            return false;
        }

        // SET DEFAULT ROLE changes stored access rights, unlike SET setting = value or SET ROLE.
        var lexer = new SqlLexer(text, afterFirst);
        return !(lexer.Next(out var second) && second.IsWord(text, "DEFAULT"));
    }

    private static InlineInsert? FindInlineData(ReadOnlySpan<byte> text, ref SqlLexer lexer, bool isComplete, out bool needsMore)
    {
        needsMore = false;
        var depth = 0;
        int? settingsAt = null;
        var expectTableName = false;
        while (lexer.Next(out var token))
        {
            if (token.Kind == SqlTokenKind.Unterminated)
            {
                needsMore = !isComplete;
                return null;
            }

            if (expectTableName)
            {
                // The name after INTO [TABLE] may itself be a keyword such as `format`; a table
                // function's arguments are skipped by the bracket depth below.
                if (token.IsWord(text, "FUNCTION"))
                {
                    expectTableName = false;
                }
                else if (!token.IsWord(text, "TABLE") && !token.IsPunctuation(text, (byte)'.'))
                {
                    expectTableName = PeekIsDot(text, lexer.Position);
                }

                continue;
            }

            if (token.IsPunctuation(text, (byte)'(') || token.IsPunctuation(text, (byte)'['))
            {
                depth++;
            }
            else if (token.IsPunctuation(text, (byte)')') || token.IsPunctuation(text, (byte)']'))
            {
                depth--;
            }
            else if (depth > 0 || token.Kind != SqlTokenKind.Word)
            {
                if (depth == 0 && token.IsPunctuation(text, (byte)';'))
                {
                    return null;
                }
            }
            else if (token.IsWord(text, "INTO"))
            {
                expectTableName = true;
            }
            else if (token.IsWord(text, "SETTINGS"))
            {
                settingsAt ??= token.Start;
            }
            else if (token.IsWord(text, "SELECT") || token.IsWord(text, "WITH") || token.IsWord(text, "INFILE"))
            {
                return null;
            }
            else if (token.IsWord(text, "VALUES"))
            {
                var dataStart = new SqlLexer(text, token.End).Next(out var firstValue) ? firstValue.Start : text.Length;
                return new InlineInsert(settingsAt ?? token.Start, token.Start, "Values", dataStart);
            }
            else if (token.IsWord(text, "FORMAT"))
            {
                if (!lexer.Next(out var name) || name.Kind != SqlTokenKind.Word)
                {
                    needsMore = !isComplete;
                    return null;
                }

                if (!isComplete && name.End == text.Length)
                {
                    needsMore = true;
                    return null;
                }

                var format = Encoding.ASCII.GetString(text[name.Start..name.End]);
                return new InlineInsert(settingsAt ?? token.Start, token.Start, format, DataStartAfter(text, name.End));
            }
        }

        needsMore = !isComplete;
        return null;
    }

    private static bool PeekIsDot(ReadOnlySpan<byte> text, int position)
    {
        var lexer = new SqlLexer(text, position);
        return lexer.Next(out var next) && next.IsPunctuation(text, (byte)'.');
    }

    /// <summary>
    /// ClickHouse's rule: data starts after the first newline following the format name, or after
    /// the spaces if there is no newline. Binary data that begins with a space survives because
    /// only one newline and the spaces before it are consumed.
    /// </summary>
    private static int DataStartAfter(ReadOnlySpan<byte> text, int position)
    {
        while (position < text.Length && text[position] is (byte)' ' or (byte)'\t' or (byte)'\f')
        {
            position++;
        }

        if (position < text.Length && text[position] == '\r')
        {
            position++;
        }

        if (position < text.Length && text[position] == '\n')
        {
            position++;
        }

        return position;
    }

    private static (bool Multi, string? Format, int End, SettingsClause Settings) ScanRest(ReadOnlySpan<byte> text, ref SqlLexer lexer, int end)
    {
        var depth = 0;
        string? format = null;
        var ended = false;
        var settings = SettingsClause.None;
        while (lexer.Next(out var token))
        {
            if (ended)
            {
                return (true, format, end, settings);
            }

            if (token.IsWord(text, "SETTINGS"))
            {
                settings = depth == 0 && format is not null ? SettingsClause.Trailing : SettingsClause.Inside;
            }

            if (token.IsPunctuation(text, (byte)'(') || token.IsPunctuation(text, (byte)'['))
            {
                depth++;
            }
            else if (token.IsPunctuation(text, (byte)')') || token.IsPunctuation(text, (byte)']'))
            {
                depth--;
            }
            else if (depth == 0 && token.IsPunctuation(text, (byte)';'))
            {
                ended = true;
                continue;
            }
            else if (depth == 0 && token.IsWord(text, "FORMAT"))
            {
                format = ReadTrailingFormatName(text, lexer.Position) ?? format;
            }

            end = token.End;
        }

        return (false, format, end, settings);
    }

    /// <summary>A FORMAT clause names a format and is followed by nothing but SETTINGS or the end.</summary>
    private static string? ReadTrailingFormatName(ReadOnlySpan<byte> text, int position)
    {
        var lexer = new SqlLexer(text, position);
        if (!lexer.Next(out var name) || name.Kind != SqlTokenKind.Word)
        {
            return null;
        }

        var endsClause = !lexer.Next(out var after) || after.IsPunctuation(text, (byte)';') || after.IsWord(text, "SETTINGS");
        return endsClause ? Encoding.ASCII.GetString(text[name.Start..name.End]) : null;
    }
}
