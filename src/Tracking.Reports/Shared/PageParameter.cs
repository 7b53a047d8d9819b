namespace Tracking.Reports.Shared;

/// <summary>A page path a report is about (`page`, `start`): a path as the events store it.</summary>
public static class PageParameter
{
    private const int MaxLength = 2048;

    /// <summary>The path in parameter <paramref name="name"/>; empty when absent and not <paramref name="required"/>.</summary>
    public static (string? Path, string? Error) Parse(ReportQueryString query, string name, bool required)
    {
        var text = query[name];
        if (text.Length == 0)
        {
            return required ? (null, $"{name}: required, a page path such as /pricing") : (string.Empty, null);
        }

        return text.Length > MaxLength ? (null, $"{name}: at most {MaxLength} characters") : (text, null);
    }
}
