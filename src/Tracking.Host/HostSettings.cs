namespace Tracking.Host;

/// <summary>The host's own settings, read once at start from configuration (appsettings, TRACKING_* variables).</summary>
public sealed record HostSettings(string DataDir, string? WriteKey, string? ReadKey, string ChdbLibrary, int EmbeddedClickHousePort, string? SdkDir)
{
    public static HostSettings From(IConfiguration configuration)
    {
        var dataDir = Path.GetFullPath(configuration["TRACKING_DATA_DIR"] is { Length: > 0 } dir ? dir : "data");
        var library = configuration["ClickHouse:Embedded:LibraryPath"] is { Length: > 0 } configured
            ? configured
            : configuration["TRACKING_CHDB_LIBRARY"] is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : DefaultChdbLibrary();
        return new HostSettings(
            dataDir,
            configuration["TRACKING_WRITE_KEY"],
            configuration["TRACKING_READ_KEY"],
            library,
            configuration.GetValue("ClickHouse:Embedded:Port", 8123),
            configuration["Tracking:SdkDir"] is { Length: > 0 } sdk ? sdk : FindSdkDir());
    }

    /// <summary>Where scripts/install-chdb.sh puts the engine.</summary>
    private static string DefaultChdbLibrary() => Path.Combine(
        Environment.GetEnvironmentVariable("TRACKING_DEPS_DIR") is { Length: > 0 } deps
            ? deps
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tracking"),
        "chdb-26.5.3",
        "package",
        "libchdb.so");

    /// <summary>The repository's sdk-js folder (snippet build and demo site), searched upwards from the binaries.</summary>
    private static string? FindSdkDir()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "sdk-js");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
