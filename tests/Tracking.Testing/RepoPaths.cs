namespace Tracking.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries holding Tracking.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>libchdb.so as installed by scripts/install-chdb.sh (TRACKING_CHDB_LIBRARY overrides).</summary>
    public static string ChdbLibrary =>
        Environment.GetEnvironmentVariable("TRACKING_CHDB_LIBRARY") is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetEnvironmentVariable("TRACKING_DEPS_DIR")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tracking"),
                "chdb-26.5.3", "package", "libchdb.so");

    /// <summary>Where the sdk-js folder is: the snippet build and the demo site the host serves.</summary>
    public static string SdkJs => Path.Combine(Root, "sdk-js");

    /// <summary>Searched above the test binaries, else above this source file (builds with --artifacts-path live elsewhere).</summary>
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tracking.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Tracking.sln not found above " + AppContext.BaseDirectory);
    }
}
