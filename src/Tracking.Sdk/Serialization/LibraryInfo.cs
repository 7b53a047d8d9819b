using System.Reflection;

namespace Tracking.Sdk.Serialization;

/// <summary><c>context.library</c>: who sent the event.</summary>
internal static class LibraryInfo
{
    public const string Name = "tracking-dotnet";

    public static string Version { get; } =
        typeof(LibraryInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(LibraryInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
