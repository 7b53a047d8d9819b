using Tracking.ClickHouse.Migrations;

namespace Tracking.Reports.Shared;

/// <summary>
/// Reads the parts of a session's first page view back out of the rollup's <see cref="SessionRollup.FirstPage"/>
/// string (the migration defines how it is written; the reports, here, how it is read).
/// </summary>
internal static class FirstPageSql
{
    /// <summary>SQL of the bot flag in a <see cref="SessionRollup.FirstPage"/> value.</summary>
    public static string IsBot(string firstPage) => $"substring({firstPage}, 40, 1) = '1'";

    /// <summary>SQL of the landing page in a <see cref="SessionRollup.FirstPage"/> value.</summary>
    public static string LandingPage(string firstPage) => $"substring({firstPage}, 46, {PathLength(firstPage)})";

    /// <summary>SQL of the keyword in a <see cref="SessionRollup.FirstPage"/> value.</summary>
    public static string Keyword(string firstPage) => $"substring({firstPage}, 46 + {PathLength(firstPage)})";

    private static string PathLength(string firstPage) => $"toUInt32(substring({firstPage}, 41, 5))";
}
