using System.Security.Cryptography;
using System.Text;

namespace Tracking.Host.Keys;

/// <summary>
/// The projects of this install and the hashes of their keys (projects.json, replaced atomically on every change),
/// and the <see cref="KeyResolver"/> that answers from them. Plain keys exist only in the answers of
/// <see cref="Create"/> and <see cref="Rotate"/>, which show them once.
/// </summary>
public sealed partial class ProjectStore : Admin.IProjectDirectory
{
    public const string DefaultProject = "default";
    public const int MaxNameLength = 100;

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly ProjectsDocument _document;
    private readonly KeyHash? _adminKeyOverride;

    private ProjectStore(string path, ProjectsDocument document, KeyHash? adminKeyOverride, TimeProvider clock)
    {
        _path = path;
        _document = document;
        _adminKeyOverride = adminKeyOverride;
        _clock = clock;
        Resolver = new KeyResolver(clock);
        Publish();
    }

    public KeyResolver Resolver { get; }

    /// <summary>The default project's current write key, for the demo site and the banner (write keys are public).</summary>
    public string DefaultWriteKey
    {
        get
        {
            lock (_gate)
            {
                return _document.DefaultWriteKey!;
            }
        }
    }

    /// <summary>TRACKING_ADMIN_KEY when set, else the key generated on first start.</summary>
    public bool IsAdminKey(ReadOnlySpan<char> key)
    {
        var expected = _adminKeyOverride ?? (_document.AdminKeyHash is { } stored ? KeyHash.FromHex(stored) : null);
        return expected is { } hash && KeyHash.TryOf(key, out var given) && given == hash;
    }

    public IReadOnlyList<ProjectInfo> List()
    {
        lock (_gate)
        {
            return [.. _document.Projects.Where(p => p.Deleted is null).Select(Info)];
        }
    }

    public ProjectInfo? Find(string id)
    {
        lock (_gate)
        {
            return Live(id) is { } project ? Info(project) : null;
        }
    }

    /// <summary>
    /// Whether a project of this id was ever made, deleted ones included: their rows stay stored, so
    /// retention and erasure must still reach them.
    /// </summary>
    public bool Exists(string id)
    {
        lock (_gate)
        {
            return _document.Projects.Exists(p => p.Id == id);
        }
    }

    /// <summary>Null with the reason for the operator when the name is not usable.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name: must not be empty"
        : name.Trim().Length > MaxNameLength ? $"name: at most {MaxNameLength} characters"
        : name.Any(char.IsControl) ? "name: must not contain control characters"
        : null;

    public NewKeys Create(string name)
    {
        if (CheckName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var project = new ProjectEntry { Id = NewId(name), Name = name.Trim(), Created = now };
            var keys = new NewKeys(project.Id, AddKey(project.WriteKeys, "wk_", now), AddKey(project.ReadKeys, "rk_", now), null);
            _document.Projects.Add(project);
            Save();
            return keys;
        }
    }

    public DeleteOutcome Delete(string id)
    {
        if (id == DefaultProject)
        {
            return DeleteOutcome.Default;
        }

        lock (_gate)
        {
            if (Live(id) is not { } project)
            {
                return DeleteOutcome.Unknown;
            }

            project.Deleted = _clock.GetUtcNow();
            project.WriteKeys.Clear();
            project.ReadKeys.Clear();
            Save();
            return DeleteOutcome.Deleted;
        }
    }

    /// <summary>New keys for <paramref name="which"/>; the ones they replace stay valid for <paramref name="grace"/>. Null for an unknown project.</summary>
    public NewKeys? Rotate(string id, KeyKinds which, TimeSpan grace)
    {
        lock (_gate)
        {
            if (Live(id) is not { } project)
            {
                return null;
            }

            var now = _clock.GetUtcNow();
            var until = now + grace;
            var write = which.HasFlag(KeyKinds.Write) ? Replace(project.WriteKeys, "wk_", now, until) : null;
            var read = which.HasFlag(KeyKinds.Read) ? Replace(project.ReadKeys, "rk_", now, until) : null;
            if (id == DefaultProject && write is not null)
            {
                _document.DefaultWriteKey = write;
            }

            Save();
            return new NewKeys(id, write, read, until);
        }
    }

    private static string Replace(List<KeyEntry> keys, string prefix, DateTimeOffset now, DateTimeOffset until)
    {
        keys.RemoveAll(k => k.Expires <= now);
        foreach (var key in keys.Where(k => k.Expires is null || k.Expires > until))
        {
            key.Expires = until;
        }

        return AddKey(keys, prefix, now);
    }

    private static string AddKey(List<KeyEntry> keys, string prefix, DateTimeOffset now)
    {
        var key = Generate(prefix);
        keys.Add(new KeyEntry { Hash = KeyHash.Of(key).ToHex(), Created = now });
        return key;
    }

    private static string Generate(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A readable id from the name plus a random part; never one a deleted project had, whose rows are still stored.</summary>
    private string NewId(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.Length == 0 ? "project" : slug.ToString(0, Math.Min(slug.Length, 32)).TrimEnd('-');
        while (true)
        {
            var id = $"{stem}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            if (!_document.Projects.Any(p => p.Id == id))
            {
                return id;
            }
        }
    }

    private ProjectEntry? Live(string id) => _document.Projects.Find(p => p.Id == id && p.Deleted is null);

    private ProjectInfo Info(ProjectEntry project)
    {
        var now = _clock.GetUtcNow();
        return new ProjectInfo(project.Id, project.Name, project.Created, Keys(project.WriteKeys), Keys(project.ReadKeys));

        IReadOnlyList<KeyInfo> Keys(List<KeyEntry> keys) =>
            [.. keys.Where(k => k.Expires is null || k.Expires > now).Select(k => new KeyInfo(KeyHash.FromHex(k.Hash).Fingerprint, k.Created, k.Expires))];
    }

    private void Save()
    {
        KeptJson.Write(_path, _document, ProjectsJsonContext.Default.ProjectsDocument, ownerOnly: true);
        Publish();
    }

    private void Publish()
    {
        var now = _clock.GetUtcNow();
        Resolver.Publish(Grants(p => p.WriteKeys), Grants(p => p.ReadKeys));

        Dictionary<KeyHash, KeyResolver.Grant> Grants(Func<ProjectEntry, List<KeyEntry>> keys) =>
            _document.Projects
                .SelectMany(p => keys(p).Where(k => k.Expires is null || k.Expires > now).Select(k => (KeyHash.FromHex(k.Hash), new KeyResolver.Grant(p.Id, k.Expires))))
                .ToDictionary(g => g.Item1, g => g.Item2);
    }
}

/// <summary>Which keys a rotation replaces.</summary>
[Flags]
public enum KeyKinds
{
    Write = 1,
    Read = 2,
    Both = Write | Read,
}

public enum DeleteOutcome
{
    Deleted,
    Unknown,
    Default,
}

/// <summary>Keys just made, in plain text: shown once, never stored. <see cref="PreviousValidUntil"/> is set by a rotation.</summary>
public sealed record NewKeys(string ProjectId, string? WriteKey, string? ReadKey, DateTimeOffset? PreviousValidUntil);

/// <summary>What may be shown of a project: never a key, only each valid key's fingerprint.</summary>
public sealed record ProjectInfo(string Id, string Name, DateTimeOffset Created, IReadOnlyList<KeyInfo> WriteKeys, IReadOnlyList<KeyInfo> ReadKeys);

public sealed record KeyInfo(string Fingerprint, DateTimeOffset Created, DateTimeOffset? Expires);
