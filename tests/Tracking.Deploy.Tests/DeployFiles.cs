namespace Tracking.Deploy.Tests;

/// <summary>The deploy/ folder as copied next to the test binaries (see the project file).</summary>
internal static class DeployFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "deploy", relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
