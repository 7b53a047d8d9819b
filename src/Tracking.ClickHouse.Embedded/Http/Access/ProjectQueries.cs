using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// What a project user may not write, on top of what the analyst may not: the constructs that read around
/// <see cref="ProjectFilters"/>, as measured with chDB 26.5. Table functions are refused by default (merge() and
/// mergeTreeIndex() read tables without the filters; readonly=1 does not stop them in chDB) except those that
/// read no table; dictionaries and Join tables are read by dictGet*/joinGet* without filters; a PREWHERE the
/// query writes runs before the filter; throwIf() over a LowCardinality column fails when the value occurs in
/// any project's rows of the same data part.
/// </summary>
internal static class ProjectQueries
{
    /// <summary>Table functions that make rows of their own (or read the query's own text) and reach no table.</summary>
    private static readonly HashSet<string> RowMakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "numbers", "numbers_mt", "zeros", "zeros_mt", "primes", "generateRandom", "generateSeries", "generate_series",
        "values", "null", "format", "view",
    };

    public static ClickHouseError? CheckStatement(SqlUser user, ReadOnlySpan<byte> text, IReadOnlySet<string> tableFunctions)
    {
        if (HasPrewhere(text))
        {
            return Refused(user, "PREWHERE (it runs before the project filter); write the condition in WHERE");
        }

        var call = StatementHazards.FirstCall(text, name =>
            (tableFunctions.Contains(name) && !RowMakers.Contains(name))
            || name.StartsWith("dict", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("joinGet", StringComparison.OrdinalIgnoreCase)
            || name.Equals("throwIf", StringComparison.OrdinalIgnoreCase));
        return call is null ? null : Refused(user, $"{call}() (it reads around the project filter)");
    }

    private static bool HasPrewhere(ReadOnlySpan<byte> text)
    {
        var lexer = new SqlLexer(text);
        while (lexer.Next(out var token))
        {
            if (token.IsWord(text, "PREWHERE"))
            {
                return true;
            }
        }

        return false;
    }

    private static ClickHouseError Refused(SqlUser user, string what) => ClickHouseError.Create(
        ClickHouseError.AccessDenied,
        "ACCESS_DENIED",
        $"{user.Name}: Not enough privileges: a project user's query sees only its project's rows and may not use {what}");
}
