using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tracking.LoadTest.Reporting;

/// <summary>
/// benchmarks/results/e2e.json holds the single-node figures at its top level and the Kafka path's under
/// <see cref="KafkaKey"/>. Each mode rewrites only its own part, so running one never erases the other.
/// </summary>
internal static class ResultsFile
{
    public const string KafkaKey = "kafka";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // A file for people: keep ">=" and "+" readable instead of \u003E escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Replaces the single-node figures, keeping the Kafka section of an earlier run.</summary>
    public static async Task WriteSingleNodeAsync<T>(string path, T figures, CancellationToken cancellationToken)
    {
        var root = JsonSerializer.SerializeToNode(figures, Json)!.AsObject();
        if ((await ReadAsync(path, cancellationToken))?[KafkaKey] is { } kafka)
        {
            root[KafkaKey] = kafka.DeepClone();
        }

        await WriteAsync(path, root, cancellationToken);
    }

    /// <summary>Replaces the Kafka section, keeping the single-node figures.</summary>
    public static async Task WriteKafkaAsync<T>(string path, T figures, CancellationToken cancellationToken)
    {
        var root = await ReadAsync(path, cancellationToken) ?? [];
        root[KafkaKey] = JsonSerializer.SerializeToNode(figures, Json);
        await WriteAsync(path, root, cancellationToken);
    }

    private static async Task<JsonObject?> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)) as JsonObject : null;

    private static async Task WriteAsync(string path, JsonObject root, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, root.ToJsonString(Json) + "\n", cancellationToken);
    }
}
