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

    /// <summary>The search engine, else utm_source, else the referrer's host, else (direct).</summary>
    public static string Source(string firstSource)
    {
        var engine = Field(firstSource, SearchEngine);
        var utm = Field(firstSource, UtmSource);
        var host = Field(firstSource, ReferrerHost);
        return $"multiIf({engine} != '', {engine}, {utm} != '', {utm}, {host} != '', {host}, '{Direct}')";
    }

    public static string SearchEngineOf(string firstSource) => OrNone(Field(firstSource, SearchEngine));

    public static string DeviceOf(string firstSource) => OrNone(Field(firstSource, Device));

    private static string OrNone(string value) => $"if({value} != '', {value}, '{None}')";

    // ClickHouse computes a repeated subexpression once, so the positions written out again cost nothing.
    private static string Field(string firstSource, int field) =>
        field == ReferrerHost
            ? $"substring({firstSource}, {At(firstSource, field)})"
            : $"substring({firstSource}, {At(firstSource, field)} + 5, {Length(firstSource, field)})";

    /// <summary>Where a field starts: after the 39 characters of time and message id hash, and the fields before it.</summary>
    private static string At(string firstSource, int field) =>
        field == 0 ? "40" : $"{At(firstSource, field - 1)} + 5 + {Length(firstSource, field - 1)}";

    private static string Length(string firstSource, int field) => $"toUInt32(substring({firstSource}, {At(firstSource, field)}, 5))";
}
