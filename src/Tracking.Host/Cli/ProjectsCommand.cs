using System.Globalization;
using Tracking.Host.Keys;

namespace Tracking.Host.Cli;

/// <summary>
/// <c>tracking projects create|list|rotate</c> (see <see cref="Usage"/>): works on the data folder of a stopped host,
/// holding its lock, so that it needs no admin key (whoever can write the folder is the operator anyway) and never
/// writes projects.json under a running host. A running host is changed through its admin API instead.
/// </summary>
internal static class ProjectsCommand
{
    private const string Usage = """
        usage: tracking projects create NAME
               tracking projects list
               tracking projects rotate ID [--key write|read|both] [--grace 1h]
          Works on TRACKING_DATA_DIR (./data) while no host runs on it; for a running host use POST /v1/projects.
          --grace: how long the replaced keys keep working, as 90s, 30m, 1h or 2d (default Projects:KeyRotationGraceSeconds, 24h).
        """;

    public static int Run(string[] args)
    {
        var dataDir = Path.GetFullPath(Environment.GetEnvironmentVariable("TRACKING_DATA_DIR") is { Length: > 0 } dir ? dir : "data");
        Directory.CreateDirectory(dataDir);
        using var folderLock = DataFolderLock.TryTake(dataDir);
        if (folderLock is null)
        {
            return Fail($"a Tracking host is running on {dataDir}; stop it first, or use its admin API (POST /v1/projects with the admin key)", usage: false);
        }

        ProjectStore store;
        try
        {
            (store, var shown) = ProjectStore.Open(dataDir, writeKey: null, readKey: null, Environment.GetEnvironmentVariable("TRACKING_ADMIN_KEY"), TimeProvider.System);
            if (shown.NewAdminKey is not null)
            {
                Console.WriteLine($"new data folder {dataDir}: default read key {shown.DefaultReadKey}, admin key {shown.NewAdminKey} (shown this once)");
            }
        }
        catch (InvalidOperationException e)
        {
            return Fail(e.Message, usage: false);
        }

        return args switch
        {
            ["create", var name] => Create(store, name),
            ["list"] => List(store),
            ["rotate", var id, .. var options] => Rotate(store, id, options),
            [] => Fail("missing command"),
            _ => Fail($"unknown or incomplete command '{string.Join(' ', args)}'"),
        };
    }

    private static int Create(ProjectStore store, string name)
    {
        if (ProjectStore.CheckName(name) is { } problem)
        {
            return Fail(problem);
        }

        var keys = store.Create(name);
        Console.WriteLine($"created project {keys.ProjectId} ({name.Trim()})");
        Console.WriteLine($"  write key: {keys.WriteKey}");
        Console.WriteLine($"  read key:  {keys.ReadKey}");
        Console.WriteLine("  The keys are shown this once: the data folder keeps only their hashes.");
        return 0;
    }

    private static int List(ProjectStore store)
    {
        Console.WriteLine($"{"ID",-40} {"CREATED",-20} {"WRITE KEYS",-28} {"READ KEYS",-28} NAME");
        foreach (var project in store.List())
        {
            Console.WriteLine($"{project.Id,-40} {project.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),-20} {Fingerprints(project.WriteKeys),-28} {Fingerprints(project.ReadKeys),-28} {project.Name}");
        }

        return 0;

        static string Fingerprints(IReadOnlyList<KeyInfo> keys) =>
            string.Join(',', keys.Select(k => k.Expires is null ? k.Fingerprint : k.Fingerprint + "*"));
    }

    private static int Rotate(ProjectStore store, string id, string[] options)
    {
        var which = KeyKinds.Both;
        var grace = TimeSpan.FromSeconds(new ConfigurationBuilder().AddEnvironmentVariables().Build().GetValue("Projects:KeyRotationGraceSeconds", 86400L));
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--key" when i + 1 < options.Length:
                    which = options[++i] switch
                    {
                        "write" => KeyKinds.Write,
                        "read" => KeyKinds.Read,
                        "both" => KeyKinds.Both,
                        _ => (KeyKinds)0,
                    };
                    if (which == 0)
                    {
                        return Fail($"--key: '{options[i]}' is not one of write, read or both");
                    }

                    break;
                case "--grace" when i + 1 < options.Length:
                    if (ParseGrace(options[++i]) is not { } parsed)
                    {
                        return Fail($"--grace: '{options[i]}' is not a duration like 90s, 30m, 1h or 2d (at most 30 days)");
                    }

                    grace = parsed;
                    break;
                default:
                    return Fail($"unknown or incomplete option '{options[i]}'");
            }
        }

        if (store.Rotate(id, which, grace) is not { } keys)
        {
            return Fail($"no project '{id}' (tracking projects list shows them)", usage: false);
        }

        Console.WriteLine($"rotated the keys of {id}; the replaced ones work until {keys.PreviousValidUntil:O}");
        if (keys.WriteKey is not null)
        {
            Console.WriteLine($"  write key: {keys.WriteKey}");
        }

        if (keys.ReadKey is not null)
        {
            Console.WriteLine($"  read key:  {keys.ReadKey}");
        }

        Console.WriteLine("  The keys are shown this once: the data folder keeps only their hashes.");
        return 0;
    }

    private static TimeSpan? ParseGrace(string text)
    {
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        long? seconds = text[^1] switch
        {
            's' => count,
            'm' => count * 60,
            'h' => count * 3600,
            'd' => count * 86400,
            _ => null,
        };
        return seconds is { } s && s <= HostSettings.MaxKeyRotationGraceSeconds ? TimeSpan.FromSeconds(s) : null;
    }

    private static int Fail(string message, bool usage = true)
    {
        Console.Error.WriteLine("tracking: " + message);
        if (usage)
        {
            Console.Error.WriteLine(Usage);
        }

        return 2;
    }
}
