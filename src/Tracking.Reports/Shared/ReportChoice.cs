namespace Tracking.Reports.Shared;

/// <summary>A parameter whose value is one of a report's named options (`by`, `sort`...).</summary>
public static class ReportChoice
{
    /// <summary>
    /// The option named by parameter <paramref name="parameter"/>, else <paramref name="fallback"/> when it is
    /// absent (null fallback: required); an error lists the names.
    /// </summary>
    public static (T? Value, string? Error) Parse<T>(ReportQueryString query, string parameter, IReadOnlyList<T> options, Func<T, string> name, T? fallback)
        where T : class
    {
        var text = query[parameter];
        var value = text.Length == 0 ? fallback : options.FirstOrDefault(o => name(o) == text);
        return value is null ? (null, $"{parameter}: must be one of {string.Join(", ", options.Select(name))}") : (value, null);
    }
}
