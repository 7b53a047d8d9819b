using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Tracking.Host.Keys;

/// <summary>The keys of the single-node default project, as kept in the data folder.</summary>
public sealed record ProjectKeys(string ProjectId, string WriteKey, string ReadKey)
{
    public const string DefaultProject = "default";
    public const string FileName = "keys.json";

    /// <summary>
    /// Keys from TRACKING_WRITE_KEY / TRACKING_READ_KEY when set; otherwise the ones generated on first
    /// start and kept in the data folder, so they survive restarts.
    /// </summary>
    public static ProjectKeys Load(string dataDir, string? writeKey, string? readKey)
    {
        var path = Path.Combine(dataDir, FileName);
        var stored = KeptJson.Read(path, KeysJsonContext.Default.ProjectKeys, "keys");
        var keys = new ProjectKeys(
            DefaultProject,
            NonEmpty(writeKey) ?? stored?.WriteKey ?? Generate("wk_"),
            NonEmpty(readKey) ?? stored?.ReadKey ?? Generate("rk_"));
        if (keys.WriteKey == keys.ReadKey)
        {
            throw new InvalidOperationException("TRACKING_WRITE_KEY and TRACKING_READ_KEY must differ: write keys only ingest, read keys only read");
        }

        if (keys != stored)
        {
            KeptJson.Write(path, keys, KeysJsonContext.Default.ProjectKeys, ownerOnly: false);
        }

        return keys;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Generate(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProjectKeys))]
internal sealed partial class KeysJsonContext : JsonSerializerContext;
