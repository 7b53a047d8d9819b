using System.Globalization;

namespace Tracking.Host.Retention;

/// <summary>Configuration "Retention:Days": the bound of every project without its own; empty (the default) keeps events forever.</summary>
public sealed record RetentionDefault(int? Days)
{
    public const string Key = "Retention:Days";

    /// <summary>Most days a bound may have (100 years): a TTL interval must stay within ClickHouse's DateTime.</summary>
    public const int MaxDays = 36_500;

    /// <exception cref="InvalidOperationException">The value is not a whole number of days in range.</exception>
    public static RetentionDefault From(IConfiguration configuration) =>
        configuration[Key] is not { Length: > 0 } text ? new((int?)null)
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays ? new(days)
        : throw new InvalidOperationException($"{Key} must be a whole number of days from 1 to {MaxDays}, or empty to keep events forever (got '{text}')");
}
