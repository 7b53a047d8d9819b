using Tracking.ClickHouse.Embedded;
using Tracking.Events.Schema;

namespace Tracking.Host;

/// <summary>The host's own settings, read once at start from configuration (appsettings, environment).</summary>
public sealed record HostSettings(
    HostRole Role,
    EventLogKind EventLog,
    string DataDir,
    string? WriteKey,
    string? ReadKey,
    string? AdminKey,
    TimeSpan KeyRotationGrace,
    string ChdbLibrary,
    int EmbeddedClickHousePort,
    string? SdkDir,
    string DashboardDir,
    string? AnalystPassword,
    AnalystLimits AnalystLimits)
{
    public bool RunsCollector => Role is HostRole.All or HostRole.Collector;

    public bool RunsLoader => Role is HostRole.All or HostRole.Loader;

    /// <summary>Reads and checks the settings; throws <see cref="InvalidOperationException"/> with a message for the operator.</summary>
    public static HostSettings From(IConfiguration configuration)
    {
        var role = ParseEnum<HostRole>(configuration["Tracking:Role"], "Tracking:Role", "all, collector or loader");
        var log = ParseEnum<EventLogKind>(configuration["EventLog:Kind"], "EventLog:Kind", "embedded or kafka");
        if (role != HostRole.All && log != EventLogKind.Kafka)
        {
            throw new InvalidOperationException($"Tracking:Role={role.ToString().ToLowerInvariant()} runs one part of a cluster and needs EventLog:Kind=kafka (the embedded log lives inside a single process)");
        }

        if (configuration.GetValue<int?>("Loader:NewestRecordVersion") is { } newest
            && (newest < EventSchema.OldestReadableVersion || newest > EventSchema.CurrentVersion))
        {
            throw new InvalidOperationException($"Loader:NewestRecordVersion={newest} must be between {EventSchema.OldestReadableVersion} and {EventSchema.CurrentVersion}, the event record versions this build reads");
        }

        var dataDir = Path.GetFullPath(configuration["TRACKING_DATA_DIR"] is { Length: > 0 } dir ? dir : "data");
        var library = configuration["ClickHouse:Embedded:LibraryPath"] is { Length: > 0 } configured
            ? configured
            : configuration["TRACKING_CHDB_LIBRARY"] is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : DefaultChdbLibrary();
        return new HostSettings(
            role,
            log,
            dataDir,
            configuration["TRACKING_WRITE_KEY"],
            configuration["TRACKING_READ_KEY"],
            configuration["TRACKING_ADMIN_KEY"],
            KeyRotationGraceFrom(configuration),
            library,
            configuration.GetValue("ClickHouse:Embedded:Port", 8123),
            configuration["Tracking:SdkDir"] is { Length: > 0 } sdk ? sdk : FindSdkDir(),
            configuration["Tracking:DashboardDir"] is { Length: > 0 } dashboard ? dashboard : Path.Combine(AppContext.BaseDirectory, "wwwroot", "dashboard"),
            configuration["TRACKING_ANALYST_PASSWORD"],
            AnalystLimitsFrom(configuration.GetSection("ClickHouse:Embedded:Analyst")));
    }

    /// <summary>Projects:KeyRotationGraceSeconds: how long a rotated-out key keeps working when a rotation names no grace.</summary>
    private static TimeSpan KeyRotationGraceFrom(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Projects:KeyRotationGraceSeconds", 86400L);
        return seconds is >= 0 and <= MaxKeyRotationGraceSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"Projects:KeyRotationGraceSeconds={seconds} must be between 0 and {MaxKeyRotationGraceSeconds} (30 days)");
    }

    public const long MaxKeyRotationGraceSeconds = 30L * 24 * 3600;

    /// <summary>ClickHouse:Embedded:Analyst:MaxExecutionTime (a TimeSpan), :MaxMemoryUsage, :MaxResultRows, :MaxResultBytes.</summary>
    private static AnalystLimits AnalystLimitsFrom(IConfigurationSection section)
    {
        var defaults = new AnalystLimits();
        var limits = new AnalystLimits
        {
            MaxExecutionTime = section.GetValue(nameof(AnalystLimits.MaxExecutionTime), defaults.MaxExecutionTime),
            MaxMemoryUsage = section.GetValue(nameof(AnalystLimits.MaxMemoryUsage), defaults.MaxMemoryUsage),
            MaxResultRows = section.GetValue(nameof(AnalystLimits.MaxResultRows), defaults.MaxResultRows),
            MaxResultBytes = section.GetValue(nameof(AnalystLimits.MaxResultBytes), defaults.MaxResultBytes),
        };
        if (limits.MaxExecutionTime <= TimeSpan.Zero || limits.MaxMemoryUsage <= 0 || limits.MaxResultRows <= 0 || limits.MaxResultBytes <= 0)
        {
            throw new InvalidOperationException("ClickHouse:Embedded:Analyst: MaxExecutionTime, MaxMemoryUsage, MaxResultRows and MaxResultBytes must be positive (the analyst's queries are always bounded)");
        }

        return limits;
    }

    private static T ParseEnum<T>(string? value, string key, string allowed)
        where T : struct, Enum =>
        string.IsNullOrEmpty(value) ? default
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new InvalidOperationException($"{key}: '{value}' is not one of {allowed}");

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
