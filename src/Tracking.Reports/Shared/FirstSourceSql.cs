using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// Where a session came from and on what device, read out of the rollup's <see cref="SessionSourceRollup"/>
/// tuple by the definitions of docs/definitions.md. tupleElement, not the subcolumn syntax (first_source.device_type):
/// chDB 26.5 read a subcolumn under FINAL as empty from parts stored before the column was added.
/// </summary>
internal static class FirstSourceSql
{
    /// <summary>The source of a visit without a search engine, campaign source or referrer.</summary>
    public const string Direct = "(direct)";

    /// <summary>A search engine or device the first page view did not have.</summary>
    public const string None = "(none)";

    /// <summary>The search engine, else utm_source, else the referrer's host, else (direct).</summary>
    public static string Source(string firstSource) =>
        $"multiIf({Element(firstSource, "search_engine")} != '', {Element(firstSource, "search_engine")}, "
        + $"{Element(firstSource, "utm_source")} != '', {Element(firstSource, "utm_source")}, "
        + $"{Element(firstSource, "referrer_host")} != '', {Element(firstSource, "referrer_host")}, '{Direct}')";

    public static string SearchEngine(string firstSource) => OrNone(Element(firstSource, "search_engine"));

    public static string Device(string firstSource) => OrNone(Element(firstSource, "device_type"));

    private static string OrNone(string value) => $"if({value} != '', {value}, '{None}')";

    private static string Element(string firstSource, string name) => $"tupleElement({firstSource}, '{name}')";
}
