using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Tracking.Host.Keys;

namespace Tracking.Host.Admin;

public sealed record CreateProjectRequest(string? Name);

/// <summary>Which keys to replace (write, read or both; default both) and how long the old ones keep working.</summary>
public sealed record RotateKeysRequest(string? Key, long? GraceSeconds);

/// <summary>A new project with its keys in plain text: the only time they are shown.</summary>
public sealed record ProjectCreated(string Id, string Name, DateTimeOffset Created, string WriteKey, string ReadKey);

public sealed record ProjectList(IReadOnlyList<ProjectInfo> Projects);

/// <summary>The new keys in plain text (null for a kind not rotated); the replaced ones work until <see cref="PreviousKeysValidUntil"/>.</summary>
public sealed record KeysRotated(string Id, string? WriteKey, string? ReadKey, DateTimeOffset PreviousKeysValidUntil);

/// <summary>The project a read key belongs to, so the dashboard can label the keys it holds.</summary>
public sealed record ReadKeyProject(string Id, string Name);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateProjectRequest))]
[JsonSerializable(typeof(RotateKeysRequest))]
[JsonSerializable(typeof(ProjectCreated))]
[JsonSerializable(typeof(ProjectList))]
[JsonSerializable(typeof(ProjectInfo))]
[JsonSerializable(typeof(KeysRotated))]
[JsonSerializable(typeof(ReadKeyProject))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class AdminJsonContext : JsonSerializerContext
{
    /// <summary>The request body as <typeparamref name="T"/>; an empty body is null, a malformed one an error naming what is wrong.</summary>
    public static async Task<(T? Value, string? Error)> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(body, type), null);
        }
        catch (JsonException e)
        {
            return (null, $"body: not the expected JSON object ({e.Message})");
        }
    }
}
