using System.Globalization;

namespace Tracking.Host.Erasure;

/// <summary>
/// ClickHouse literals for statements that cannot take query parameters: a mutation (ALTER … DELETE) keeps
/// its WHERE as text, so its values are written into it.
/// </summary>
internal static class SqlLiteral
{
    public static string Text(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Text)) + "]";

    public static string Map(IReadOnlyDictionary<string, long> counts) =>
        "map(" + string.Join(", ", counts.Select(c => $"{Text(c.Key)}, {c.Value.ToString(CultureInfo.InvariantCulture)}")) + ")";

    public static string Time(DateTimeOffset time) => $"fromUnixTimestamp64Milli({time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}, 'UTC')";
}
