using System.Text.Json.Serialization;

namespace Tracking.Host.Keys;

/// <summary>
/// projects.json in the data folder: every project with the hashes of its keys. The default project's current
/// write key is also kept as it is (<see cref="DefaultWriteKey"/>), for the demo site and the start banner: a
/// write key is public anyway, it sits in every page that carries the snippet.
/// </summary>
internal sealed class ProjectsDocument
{
    public int Version { get; set; } = 1;

    /// <summary>SHA-256 (hex) of the generated admin key; null while TRACKING_ADMIN_KEY has always been set.</summary>
    public string? AdminKeyHash { get; set; }

    public string? DefaultWriteKey { get; set; }

    public List<ProjectEntry> Projects { get; set; } = [];
}

internal sealed class ProjectEntry
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>Set when deleted: the entry stays so its id is never given to a new project (its rows are still stored under it).</summary>
    public DateTimeOffset? Deleted { get; set; }

    public List<KeyEntry> WriteKeys { get; set; } = [];

    public List<KeyEntry> ReadKeys { get; set; } = [];
}

/// <summary>A key's hash; <see cref="Expires"/> is set when the key was rotated out (valid until then).</summary>
internal sealed class KeyEntry
{
    public required string Hash { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset? Expires { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProjectsDocument))]
[JsonSerializable(typeof(LegacyKeys))]
internal sealed partial class ProjectsJsonContext : JsonSerializerContext;
