namespace Tracking.Host.Keys;

public sealed partial class ProjectStore
{
    public const string FileName = "projects.json";

    /// <summary>
    /// Loads projects.json, or makes it on first start: from the plain keys.json of earlier versions when there is one
    /// (the same keys stay valid, and keys.json is removed once its hashes are kept), else with new default keys and a
    /// new admin key. TRACKING_WRITE_KEY / TRACKING_READ_KEY replace the default project's keys (<paramref name="writeKey"/>,
    /// <paramref name="readKey"/>); TRACKING_ADMIN_KEY (<paramref name="adminKey"/>) is the admin key while it is set.
    /// </summary>
    /// <returns>The store, and the secrets to show this once: only here and on rotation are they ever in plain text.</returns>
    public static (ProjectStore Store, StartSecrets Shown) Open(string dataDir, string? writeKey, string? readKey, string? adminKey, TimeProvider clock)
    {
        writeKey = NonEmpty(writeKey);
        readKey = NonEmpty(readKey);
        adminKey = NonEmpty(adminKey);
        if (writeKey is not null && writeKey == readKey)
        {
            throw new InvalidOperationException("TRACKING_WRITE_KEY and TRACKING_READ_KEY must differ: write keys only ingest, read keys only read");
        }

        var path = Path.Combine(dataDir, FileName);
        var legacyPath = Path.Combine(dataDir, LegacyKeys.FileName);
        var document = KeptJson.Read(path, ProjectsJsonContext.Default.ProjectsDocument, "projects");
        var legacy = document is null ? KeptJson.Read(legacyPath, ProjectsJsonContext.Default.LegacyKeys, "keys") : null;
        var now = clock.GetUtcNow();
        var changed = document is null;
        string? shownReadKey = null;
        if (document is null)
        {
            var initialRead = readKey ?? legacy?.ReadKey ?? Generate("rk_");
            document = new ProjectsDocument { DefaultWriteKey = writeKey ?? legacy?.WriteKey ?? Generate("wk_") };
            document.Projects.Add(new ProjectEntry
            {
                Id = DefaultProject,
                Name = "Default project",
                Created = now,
                WriteKeys = [new KeyEntry { Hash = KeyHash.Of(document.DefaultWriteKey).ToHex(), Created = now }],
                ReadKeys = [new KeyEntry { Hash = KeyHash.Of(initialRead).ToHex(), Created = now }],
            });
            shownReadKey = initialRead;
        }

        var defaults = document.Projects.Find(p => p.Id == DefaultProject)
            ?? throw new InvalidOperationException($"{path} has no project '{DefaultProject}'; restore the file from a backup");
        if (writeKey is not null && SetKey(defaults.WriteKeys, writeKey, now))
        {
            document.DefaultWriteKey = writeKey;
            changed = true;
        }

        changed |= readKey is not null && SetKey(defaults.ReadKeys, readKey, now);

        string? newAdminKey = null;
        if (adminKey is null && document.AdminKeyHash is null)
        {
            newAdminKey = Generate("ak_");
            document.AdminKeyHash = KeyHash.Of(newAdminKey).ToHex();
            changed = true;
        }

        if (changed)
        {
            KeptJson.Write(path, document, ProjectsJsonContext.Default.ProjectsDocument, ownerOnly: true);
        }

        if (legacy is not null)
        {
            File.Delete(legacyPath);
        }

        var store = new ProjectStore(path, document, adminKey is null ? null : KeyHash.Of(adminKey), clock);
        return (store, new StartSecrets(readKey ?? shownReadKey, newAdminKey, legacy is not null));
    }

    /// <summary>A key from the configuration replaces the project's keys at once (no grace: the operator chose it); false when it already is the key.</summary>
    private static bool SetKey(List<KeyEntry> keys, string key, DateTimeOffset now)
    {
        var hash = KeyHash.Of(key).ToHex();
        if (keys is [{ Expires: null } only] && only.Hash == hash)
        {
            return false;
        }

        keys.Clear();
        keys.Add(new KeyEntry { Hash = hash, Created = now });
        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Secrets to show in the start banner: the default read key when it was just made, migrated or is set in the
/// environment, and the admin key when it was just made. Null when the data folder only has its hash.
/// </summary>
public sealed record StartSecrets(string? DefaultReadKey, string? NewAdminKey, bool MigratedKeysFile);
