namespace Tracking.Reports.Funnel;

/// <summary>Who a funnel counts: stitched visitors, sessions or accounts.</summary>
public enum FunnelUnit
{
    Visitors,
    Sessions,
    Accounts,
}

/// <summary>Whether other events may come between the steps (sequential) or none may (strict).</summary>
public enum FunnelOrder
{
    Sequential,
    Strict,
}

/// <summary>What a funnel's breakdown groups units by: a property of the entering event's session or account.</summary>
public enum FunnelBreakdown
{
    Keyword,
    LandingPage,
    Source,
    Account,
    Segment,
}

/// <summary>
/// What breakdown values are ordered by: units entering (step 1's count), units reaching the last step
/// (both most first, ties by value), or the value, A to Z.
/// </summary>
public enum FunnelSort
{
    Entered,
    Converted,
    Value,
}

/// <summary>The query-string names of the funnel's choices (their enum names, camelCase).</summary>
public static class FunnelNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static T? Parse<T>(string text)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => Of(v!.Value) == text);

    public static string All<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
