using System.Text.RegularExpressions;

namespace Tracking.Deploy.Tests;

/// <summary>
/// deploy/clickhouse/cluster.sql as statements, and each statement's single-server stand-in: the embedded
/// engine has no Keeper and no cluster, so the checks run the file with three mechanical substitutions and
/// let ClickHouse itself say what the tables are (system.tables, system.columns). What the stand-in drops
/// (the replicated engine, the Distributed table's sharding) is checked on the file's own statements
/// through ClickHouse's formatQuery.
/// </summary>
internal static partial class ClusterSql
{
    public static readonly IReadOnlyList<string> Statements = Split(DeployFiles.Read("clickhouse/cluster.sql"));

    /// <summary>
    /// The statement for one server: without ON CLUSTER; a Replicated engine as the plain one with the
    /// engine's own arguments (the Keeper path and replica name dropped); a Distributed table as a Merge
    /// table over its local table, which takes the same columns and ALTERs. Null for an insert through a
    /// Distributed table, which a single server cannot run (see <see cref="DistributedTables"/>).
    /// </summary>
    public static string? StandIn(string statement)
    {
        if (InsertInto().Match(statement) is { Success: true } insert && DistributedTables.Contains(insert.Groups["table"].Value))
        {
            return null;
        }

        var local = OnCluster().Replace(statement, string.Empty);
        local = ReplicatedEngine().Replace(local, "${engine}(");
        return DistributedEngine().Replace(local, "ENGINE = Merge(${db}, '^${table}$$')");
    }

    /// <summary>The tables the file creates with the Distributed engine.</summary>
    public static IReadOnlySet<string> DistributedTables { get; } = Statements
        .Select(s => CreateDistributed().Match(s))
        .Where(m => m.Success)
        .Select(m => m.Groups["table"].Value)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The statement that starts with <paramref name="start"/>.</summary>
    public static string Statement(string start)
    {
        var statement = Statements.FirstOrDefault(s => s.StartsWith(start, StringComparison.Ordinal));
        Assert.True(statement is not null, $"deploy/clickhouse/cluster.sql has no statement starting with {start}");
        return statement;
    }

    private static List<string> Split(string sql)
    {
        var text = string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return text.Split(";\n").Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0).ToList();
    }

    [GeneratedRegex(@"\s+ON CLUSTER '\{cluster\}'")]
    private static partial Regex OnCluster();

    [GeneratedRegex(@"Replicated(?<engine>\w*MergeTree)\('[^']*',\s*'\{replica\}',?\s*")]
    private static partial Regex ReplicatedEngine();

    [GeneratedRegex(@"ENGINE = Distributed\('\{cluster\}',\s*(?<db>\w+),\s*(?<table>\w+),.*\)$", RegexOptions.Singleline)]
    private static partial Regex DistributedEngine();

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (?<table>[\w.]+) .*ENGINE = Distributed\(", RegexOptions.Singleline)]
    private static partial Regex CreateDistributed();

    [GeneratedRegex(@"^INSERT INTO (?<table>[\w.]+)\s")]
    private static partial Regex InsertInto();
}
