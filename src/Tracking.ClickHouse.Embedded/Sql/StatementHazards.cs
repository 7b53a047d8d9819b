using System.Text;

namespace Tracking.ClickHouse.Embedded.Sql;

/// <summary>
/// Finds the constructs the embedded server refuses for every user, whatever its rights: those that
/// reach the host's files, other hosts or programs. chDB runs as clickhouse-local, which lets every
/// statement read and write any file the process can (it ignores <c>user_files_path</c>) and has no
/// access control of its own; <c>readonly=1</c> stops some table functions (not <c>merge()</c> in chDB 26.5) and not the scalar <c>file()</c>
/// nor anything the internal user runs. Names are matched as calls (<c>name(</c>, quoted or not, any
/// case), so a column called <c>url</c> stays usable.
/// </summary>
internal static class StatementHazards
{
    /// <summary>
    /// Table functions, table and database engines, dictionary sources and scalar functions that read
    /// or write files, open network connections or start programs.
    /// </summary>
    private static readonly HashSet<string> Calls = new(StringComparer.OrdinalIgnoreCase)
    {
        "file", "fileCluster", "fileLog", "filesystem", "url", "urlCluster", "remote", "remoteSecure", "cluster",
        "clusterAllReplicas", "distributed", "mysql", "materializedMySQL", "postgresql", "materializedPostgreSQL",
        "mongodb", "redis", "sqlite", "jdbc", "odbc", "executable", "executablePool", "python", "arrowFlight",
        "ytsaurus", "kafka", "rabbitmq", "nats", "http", "clickhouse", "yamlRegExpTree", "catboostEvaluate",
        "disk", "embeddedRocksDB", "backup", "gcs", "oss", "cosn", "dataLakeCatalog",
    };

    /// <summary>Families with many members (s3Cluster, icebergS3, deltaLakeCluster, azureBlobStorage, ...).</summary>
    private static readonly string[] Prefixes = ["s3", "hdfs", "azure", "iceberg", "deltaLake", "hudi", "paimon"];

    /// <summary>The first refused construct in <paramref name="text"/> (SQL only, no INSERT data), or null.</summary>
    public static string? Find(ReadOnlySpan<byte> text)
    {
        var lexer = new SqlLexer(text);
        SqlToken previous = default;
        var hasPrevious = false;
        while (lexer.Next(out var token))
        {
            if (hasPrevious && Refused(text, previous, token) is { } refused)
            {
                return refused;
            }

            previous = token;
            hasPrevious = true;
        }

        return hasPrevious && previous.IsWord(text, "INFILE") ? InfileRefusal : null;
    }

    private const string InfileRefusal = "FROM INFILE (reading a file of the server) is refused for every user; send the data in the request body";

    private static string? Refused(ReadOnlySpan<byte> text, SqlToken token, SqlToken next)
    {
        if (token.IsWord(text, "INFILE"))
        {
            return InfileRefusal;
        }

        if (token.IsWord(text, "INTO") && next.IsWord(text, "OUTFILE"))
        {
            return "INTO OUTFILE (writing a file on the server) is refused for every user; read the result from the response";
        }

        if (token.IsWord(text, "INTO") && next.IsWord(text, "FUNCTION"))
        {
            return "INSERT INTO FUNCTION is refused for every user: table functions write to files and other servers";
        }

        if (!next.IsPunctuation(text, (byte)'('))
        {
            return null;
        }

        if (token.IsPunctuation(text, (byte)'}'))
        {
            return "a query parameter cannot name a function";
        }

        // ClickHouse decodes escapes in a quoted name (`fil\x65` is file) before looking the function up;
        // no function the product or an analyst needs is spelt with one.
        if (token.Kind == SqlTokenKind.QuotedIdentifier && text[token.Start..token.End].Contains((byte)'\\'))
        {
            return "a function name with an escape sequence is refused for every user";
        }

        var name = CalledName(text, token);
        return name is not null && IsRefusedCall(name)
            ? $"{name}() is refused for every user: it reaches files, other servers or programs of the host"
            : null;
    }

    /// <summary>The name of the first call in <paramref name="text"/> (<c>name(</c>, quoted or not) that <paramref name="matches"/>, or null.</summary>
    public static string? FirstCall(ReadOnlySpan<byte> text, Func<string, bool> matches)
    {
        var lexer = new SqlLexer(text);
        SqlToken previous = default;
        while (lexer.Next(out var token))
        {
            if (token.IsPunctuation(text, (byte)'(') && CalledName(text, previous) is { } name && matches(name))
            {
                return name;
            }

            previous = token;
        }

        return null;
    }

    private static string? CalledName(ReadOnlySpan<byte> text, SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => Encoding.UTF8.GetString(text[token.Start..token.End]),
        SqlTokenKind.QuotedIdentifier => Encoding.UTF8.GetString(text[(token.Start + 1)..(token.End - 1)]),
        _ => null,
    };

    private static bool IsRefusedCall(string name) =>
        Calls.Contains(name) || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
