using System.Text;

namespace Tracking.ClickHouse.Embedded.Sql;

/// <summary>
/// The two places where a value must become SQL text because ClickHouse accepts no query parameter
/// there: setting values in SET and the spool file path in FROM INFILE.
/// </summary>
internal static class SqlQuoting
{
    /// <summary>A ClickHouse string literal: backslash and single quote are the only characters to escape.</summary>
    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>Setting names go into SET unquoted, so only plain identifiers are accepted.</summary>
    public static bool IsSettingName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
