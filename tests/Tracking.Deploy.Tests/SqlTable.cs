using System.Text;
using System.Text.RegularExpressions;

namespace Tracking.Deploy.Tests;

/// <summary>
/// The parts of a ClickHouse CREATE TABLE statement the deploy checks compare: column definitions
/// (name and everything after it, whitespace-normalised), engine, PARTITION BY, ORDER BY and TTL. Just
/// enough SQL for the DDL this repository writes; not a general parser.
/// </summary>
internal sealed partial record SqlTable(
    string Name,
    IReadOnlyList<(string Name, string Definition)> Columns,
    string Engine,
    IReadOnlyList<string> EngineArguments,
    string? PartitionBy,
    string? OrderBy,
    string? Ttl,
    string? AsTable)
{
    /// <summary>Every CREATE TABLE in <paramref name="sql"/>, by table name as written.</summary>
    public static Dictionary<string, SqlTable> ParseAll(string sql)
    {
        var text = WithoutComments(sql);
        var tables = new Dictionary<string, SqlTable>(StringComparer.Ordinal);
        foreach (var statement in SplitStatements(text))
        {
            var header = CreateTable().Match(statement);
            if (header.Success)
            {
                var table = Parse(header.Groups["name"].Value, statement[(header.Index + header.Length)..]);
                tables[table.Name] = table;
            }
        }

        return tables;
    }

    public static string Normalize(string text) => Whitespace().Replace(text.Trim(), " ");

    private static SqlTable Parse(string name, string rest)
    {
        rest = rest.TrimStart();
        var columns = new List<(string, string)>();
        string? asTable = null;
        if (rest.StartsWith('('))
        {
            var body = Balanced(rest, 0);
            foreach (var column in SplitTopLevel(body[1..^1], ','))
            {
                var trimmed = Normalize(column);
                var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
                columns.Add((trimmed[..space], trimmed[(space + 1)..]));
            }

            rest = rest[body.Length..];
        }
        else if (AsClause().Match(rest) is { Success: true } match)
        {
            asTable = match.Groups["table"].Value;
            rest = rest[match.Length..];
        }

        var engine = EngineClause().Match(rest);
        var arguments = engine.Groups["args"].Success
            ? SplitTopLevel(Balanced(rest, engine.Groups["args"].Index)[1..^1], ',').Select(Normalize).ToList()
            : [];
        return new SqlTable(name, columns, engine.Groups["engine"].Value, arguments, Clause(rest, "PARTITION BY"), Clause(rest, "ORDER BY"), Clause(rest, "TTL"), asTable);
    }

    /// <summary>The expression after a keyword: a balanced (...) group, or the rest of its line.</summary>
    private static string? Clause(string text, string keyword)
    {
        var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = at + keyword.Length;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        if (text[start] == '(')
        {
            return Normalize(Balanced(text, start));
        }

        var end = text.IndexOf('\n', start);
        return Normalize(end < 0 ? text[start..] : text[start..end]);
    }

    /// <summary>From the '(' at <paramref name="open"/> to its matching ')', quotes respected.</summary>
    private static string Balanced(string text, int open)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        throw new FormatException("unbalanced parentheses in: " + text[open..]);
    }

    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.ToString().Trim().Length > 0)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private static IEnumerable<string> SplitStatements(string text) => SplitTopLevel(text, ';');

    private static string WithoutComments(string sql) => LineComment().Replace(sql, string.Empty);

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(?<name>[\w.{}]+)(\s+ON\s+CLUSTER\s+\S+)?", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^AS\s+(?<table>[\w.{}]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AsClause();

    [GeneratedRegex(@"ENGINE\s*=\s*(?<engine>\w+)\s*(?<args>\()?", RegexOptions.IgnoreCase)]
    private static partial Regex EngineClause();
}
