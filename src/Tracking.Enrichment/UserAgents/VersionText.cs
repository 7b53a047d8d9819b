using System.Globalization;

namespace Tracking.Enrichment;

/// <summary>
/// Major versions as shared strings: browsers' majors are small numbers, so a table of pre-built strings means
/// parsing a User-Agent allocates no version text at all.
/// </summary>
internal static class VersionText
{
    private static readonly int TableSize = 1000;
    private static readonly string[] Table = BuildTable();

    /// <summary>The major version at <paramref name="start"/> (leading digits), or "" when there are none.</summary>
    public static string MajorAt(ReadOnlySpan<char> userAgent, int start)
    {
        if ((uint)start >= (uint)userAgent.Length)
        {
            return "";
        }

        var digits = userAgent[start..];
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        if (end >= 0)
        {
            digits = digits[..end];
        }

        if (digits.IsEmpty)
        {
            return "";
        }

        if (digits.Length <= 3)
        {
            return Table[int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)];
        }

        return digits.Length <= 12 ? new string(digits) : "";
    }

    private static string[] BuildTable()
    {
        var table = new string[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            table[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return table;
    }
}
