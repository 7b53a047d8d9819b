using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Tracking.Deploy.Tests;

/// <summary>
/// deploy/docker-compose.yml as plain dictionaries, with YAML merge keys (&lt;&lt;: *anchor) resolved and
/// ${VAR:-default} interpolated the way Compose does when VAR is unset.
/// </summary>
internal sealed partial class ComposeFile
{
    private ComposeFile(Dictionary<string, Dictionary<object, object>> services) => Services = services;

    public Dictionary<string, Dictionary<object, object>> Services { get; }

    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var root = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)))!;
        var services = ((Dictionary<object, object>)root["services"])
            .ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value, StringComparer.Ordinal);
        return new ComposeFile(services);
    }

    /// <summary>Services that run the Tracking host image (built from deploy/Dockerfile).</summary>
    public IEnumerable<string> HostServices =>
        Services.Where(s => s.Value.TryGetValue("build", out var build) && build is Dictionary<object, object> b
                && (string?)b.GetValueOrDefault("dockerfile") == "deploy/Dockerfile")
            .Select(s => s.Key)
            .Order(StringComparer.Ordinal);

    /// <summary>A service's environment (mapping or KEY=VALUE list form), interpolated.</summary>
    public Dictionary<string, string> Environment(string service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Services[service].GetValueOrDefault("environment"))
        {
            case Dictionary<object, object> map:
                foreach (var (key, value) in map)
                {
                    result[(string)key] = Interpolate(value?.ToString() ?? string.Empty);
                }

                break;
            case List<object> list:
                foreach (var item in list.Select(i => i.ToString()!))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    result[equals < 0 ? item : item[..equals]] = equals < 0 ? string.Empty : Interpolate(item[(equals + 1)..]);
                }

                break;
        }

        return result;
    }

    public string? Image(string service) => Services[service].GetValueOrDefault("image") as string;

    /// <summary>The healthcheck's test command joined into one string (empty when there is none).</summary>
    public string HealthCheck(string service) =>
        Services[service].GetValueOrDefault("healthcheck") is Dictionary<object, object> check
            ? check.GetValueOrDefault("test") switch
            {
                List<object> parts => string.Join(' ', parts),
                var other => other?.ToString() ?? string.Empty,
            }
            : string.Empty;

    /// <summary>Compose's interpolation with every variable unset: ${VAR:-default} and ${VAR-default} give the default.</summary>
    public static string Interpolate(string value) =>
        Variable().Replace(value, m => m.Groups["default"].Success ? m.Groups["default"].Value : string.Empty).Replace("$$", "$", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:?-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
