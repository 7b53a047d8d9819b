using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// Where a session came from and on what device, read out of the rollup's <see cref="SessionSourceRollup.FirstSource"/>
/// string (the migration defines how it is written; the reports, here, how it is read) by the definitions
/// of docs/definitions.md.
/// </summary>
internal static class FirstSourceSql
{
    /// <summary>The source of a visit without a search engine, campaign source or referrer.</summary>
    public const string Direct = "(direct)";

    /// <summary>A search engine or device the first page view did not have.</summary>
    public const string None = "(none)";

    // The fields in the order they are written; all but the last carry their length in 5 digits.
    private const int Device = 0;
    private const int SearchEngine = 1;
    private const int UtmSource = 2;
    private const int ReferrerHost = 3;

    /// <summary>
    /// The search engine, else utm_source, else the referrer's host, else (direct). The choice is made on the
    /// fields' positions and lengths, then one substring is cut: cutting all three and choosing among the strings
    /// cost a third more over a million sessions.
    /// </summary>
    public static string Source(string firstSource)
    {
        var (engine, utm, host) = (Length(firstSource, SearchEngine), Length(firstSource, UtmSource), At(firstSource, ReferrerHost));
        var start = $"multiIf({engine} > 0, {At(firstSource, SearchEngine)} + 5, {utm} > 0, {At(firstSource, UtmSource)} + 5, {host})";
        var length = $"multiIf({engine} > 0, {engine}, {utm} > 0, {utm}, length({firstSource}) + 1 - ({host}))";
        return $"if({length} = 0, '{Direct}', substring({firstSource}, {start}, {length}))";
    }

    public static string SearchEngineOf(string firstSource) => OrNone(Field(firstSource, SearchEngine));

    public static string DeviceOf(string firstSource) => OrNone(Field(firstSource, Device));

    private static string OrNone(string value) => $"if({value} != '', {value}, '{None}')";

    // ClickHouse computes a repeated subexpression once, so the positions written out again cost nothing.
    private static string Field(string firstSource, int field) =>
        $"substring({firstSource}, {At(firstSource, field)} + 5, {Length(firstSource, field)})";

    /// <summary>Where a field starts: after the 39 characters of time and message id hash, and the fields before it.</summary>
    private static string At(string firstSource, int field) =>
        field == 0 ? "40" : $"{At(firstSource, field - 1)} + 5 + {Length(firstSource, field - 1)}";

    private static string Length(string firstSource, int field) => $"toUInt32(substring({firstSource}, {At(firstSource, field)}, 5))";
}
