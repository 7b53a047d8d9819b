using System.Text;
using ClickHouse.Driver.ADO.Parameters;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Funnel;

/// <summary>
/// One step of a funnel (docs/definitions.md "Funnel"): <c>page:PATH</c>, a page event whose path is PATH
/// (<c>*</c> matches any run of characters), or <c>event:NAME</c>, a track event named NAME; either
/// optionally followed by property equality filters <c>{key=value,key2=value2}</c>, all of which must hold.
/// <see cref="Text"/> is how the answer names it.
/// </summary>
public sealed record FunnelStep(string Text, FunnelStepKind Kind, string Value, IReadOnlyList<KeyValuePair<string, string>> Filters)
{
    public const int MaxLength = 2048;

    /// <summary>Parses a step as given in the query string, or says what is wrong with it (naming the parameter).</summary>
    public static (FunnelStep? Step, string? Error) Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            return (null, $"step: at most {MaxLength} characters");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        FunnelStepKind? kind = colon < 0 ? null : text[..colon] switch
        {
            "page" => FunnelStepKind.Page,
            "event" => FunnelStepKind.Event,
            _ => null,
        };
        if (kind is null)
        {
            return (null, $"step: '{text}' has an unknown kind; a step is page:PATH or event:NAME, optionally with {{key=value,…}}");
        }

        var rest = text[(colon + 1)..];
        var filters = new List<KeyValuePair<string, string>>();
        var brace = rest.IndexOf('{', StringComparison.Ordinal);
        if (brace >= 0)
        {
            if (!rest.EndsWith('}') || !TryParseFilters(rest[(brace + 1)..^1], filters))
            {
                return (null, $"step: the property filters of '{text}' must be {{key=value}} or {{key=value,key2=value2}}");
            }

            rest = rest[..brace];
        }

        if (rest.Length == 0)
        {
            return (null, $"step: '{text}' has an empty {(kind == FunnelStepKind.Page ? "path" : "name")}");
        }

        return (new FunnelStep(text, kind.Value, rest, filters), null);
    }

    /// <summary>The step of a key path: the SDK's Step event, named as the step, of that key path.</summary>
    public static FunnelStep OfKeyPath(string keyPath, string step) =>
        new($"event:{step}{{{KeyPathProperties.KeyPath}={keyPath}}}", FunnelStepKind.Event, step, [new(KeyPathProperties.KeyPath, keyPath)]);

    /// <summary>
    /// The SQL condition of an event matching this step, the <paramref name="index"/>th of its funnel; adds
    /// its values as parameters. A property matches as a JSON string, or as the raw JSON of a number or bool.
    /// </summary>
    public string Condition(int index, ClickHouseParameterCollection parameters)
    {
        var value = $"step{index}";
        var sql = new StringBuilder(Kind == FunnelStepKind.Page
            ? $"type = 'page' AND page_path LIKE {{{value}:String}}"
            : $"type = 'track' AND event = {{{value}:String}}");
        parameters.Add(SessionQuery.Parameter(value, Kind == FunnelStepKind.Page ? LikePattern(Value) : Value));
        for (var f = 0; f < Filters.Count; f++)
        {
            var key = $"step{index}Key{f}";
            var expected = $"step{index}Value{f}";
            sql.Append($" AND (JSONExtractString(properties, {{{key}:String}}) = {{{expected}:String}} OR JSONExtractRaw(properties, {{{key}:String}}) = {{{expected}:String}})");
            parameters.Add(SessionQuery.Parameter(key, Filters[f].Key));
            parameters.Add(SessionQuery.Parameter(expected, Filters[f].Value));
        }

        return sql.ToString();
    }

    /// <summary>A path with <c>*</c> wildcards as a LIKE pattern: LIKE's own wildcards and escape taken literally.</summary>
    private static string LikePattern(string path) =>
        path.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal)
            .Replace('*', '%');

    private static bool TryParseFilters(string text, List<KeyValuePair<string, string>> filters)
    {
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || pair.AsSpan(equals + 1).ContainsAny('{', '}'))
            {
                return false;
            }

            filters.Add(new(pair[..equals], pair[(equals + 1)..]));
        }

        return filters.Count > 0;
    }
}

public enum FunnelStepKind
{
    Page,
    Event,
}
