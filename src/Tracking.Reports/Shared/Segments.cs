using ClickHouse.Driver.ADO.Parameters;

namespace Tracking.Reports.Shared;

/// <summary>
/// The size segment of an account, as docs/definitions.md defines it: <c>big</c> when its segment trait (a number,
/// or a string holding one) is at least the threshold, <c>small</c> below, <c>unknown</c> without it.
/// </summary>
public static class Segments
{
    public const string Big = "big";
    public const string Small = "small";
    public const string Unknown = "unknown";

    public static readonly string[] All = [Big, Small, Unknown];

    /// <summary>SQL of the segment of account traits (JSON text). Parameters: see <see cref="AddParameters"/>.</summary>
    public static string Of(string traits)
    {
        var value = TraitValue(traits);
        return $"multiIf(isNull({value}), '{Unknown}', {value} >= {{segmentBigFrom:Float64}}, '{Big}', '{Small}')";
    }

    /// <summary>The segment trait as a number, NULL when missing or not a number.</summary>
    private static string TraitValue(string traits) =>
        $$"""
        multiIf(
            JSONType({{traits}}, {segmentTrait:String}) IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat({{traits}}, {segmentTrait:String}),
            JSONType({{traits}}, {segmentTrait:String}) = 'String', toFloat64OrNull(JSONExtractString({{traits}}, {segmentTrait:String})),
            NULL)
        """;

    public static void AddParameters(ClickHouseParameterCollection parameters, SegmentOptions options)
    {
        parameters.Add(SessionQuery.Parameter("segmentTrait", options.Trait));
        parameters.Add(SessionQuery.Parameter("segmentBigFrom", options.BigFrom));
    }

    /// <summary>The segment parameter: empty is none; anything else must name a segment.</summary>
    public static (string? Segment, string? Error) Parse(ReportQueryString query)
    {
        var text = query["segment"];
        return text.Length == 0 || All.Contains(text)
            ? (text.Length == 0 ? null : text, null)
            : (null, $"segment: must be one of {string.Join(", ", All)}");
    }
}
