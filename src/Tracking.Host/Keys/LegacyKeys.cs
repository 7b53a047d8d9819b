namespace Tracking.Host.Keys;

/// <summary>keys.json of earlier versions: the default project's keys in plain text, migrated into projects.json on first start.</summary>
internal sealed record LegacyKeys(string ProjectId, string WriteKey, string ReadKey)
{
    public const string FileName = "keys.json";
}
