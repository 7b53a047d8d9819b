using Microsoft.Extensions.Configuration;
using Tracking.ClickHouse;
using Tracking.Collector;
using Tracking.EventLog.Kafka;
using Tracking.Host;
using Tracking.Loader;

namespace Tracking.Deploy.Tests;

/// <summary>
/// Every setting deploy/docker-compose.yml gives a Tracking process must be one the application reads,
/// with a value it can bind: a renamed option or a typo fails here instead of being silently ignored.
/// </summary>
public sealed class ComposeSettingsTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(DeployFiles.PathOf("docker-compose.yml"));

    /// <summary>Sections bound to options classes: every key under them must be a property there.</summary>
    private static readonly (string Section, Type Options)[] OptionSections =
    [
        (KafkaOptions.SectionName, typeof(KafkaOptions)),
        (LoaderOptions.Section, typeof(LoaderOptions)),
        (CollectorOptions.Section, typeof(CollectorOptions)),
        (ClickHouseOptions.Section, typeof(ClickHouseOptions)),
    ];

    /// <summary>Keys the host reads itself (<see cref="HostSettings"/>, ASP.NET Core), not via an options class.</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Tracking:Role", "Tracking:SdkDir", "Tracking:DashboardDir", "EventLog:Kind",
        "TRACKING_DATA_DIR", "TRACKING_WRITE_KEY", "TRACKING_READ_KEY", "TRACKING_CHDB_LIBRARY",
        "ClickHouse:Embedded:Port", "ClickHouse:Embedded:LibraryPath",
        "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
    };

    public static TheoryData<string> HostServices => new(Compose.HostServices);

    [Theory]
    [MemberData(nameof(HostServices))]
    public void Every_setting_is_a_configuration_key_the_application_reads(string service)
    {
        var configuration = Configuration(service);
        var unknown = Compose.Environment(service).Keys
            .Select(ToConfigurationKey)
            .Where(key => !HostKeys.Contains(key)
                && !key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)
                && !key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
                && !OptionSections.Any(s => key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(unknown.Count == 0, $"{service}: settings the application does not read: {string.Join(", ", unknown)}");

        foreach (var (section, type) in OptionSections)
        {
            // Throws on a key that is no property of the options class and on a value that does not convert.
            configuration.GetSection(section).Get(type, binder => binder.ErrorOnUnknownConfiguration = true);
        }
    }

    [Theory]
    [MemberData(nameof(HostServices))]
    public void Every_process_passes_the_hosts_own_settings_check(string service)
    {
        // The host's parser: an unknown role or event log kind, or a role without Kafka, throws here as at start.
        var settings = HostSettings.From(Configuration(service));
        Assert.Equal(EventLogKind.Kafka, settings.EventLog);
        Assert.NotEqual(HostRole.All, settings.Role);
    }

    [Fact]
    public void The_topology_has_two_collectors_and_two_loaders()
    {
        var roles = Compose.HostServices.GroupBy(s => HostSettings.From(Configuration(s)).Role).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, roles.GetValueOrDefault(HostRole.Collector));
        Assert.Equal(2, roles.GetValueOrDefault(HostRole.Loader));
        Assert.Equal(4, roles.Values.Sum());
    }

    [Fact]
    public void Loaders_share_one_consumer_group_and_the_topic_has_a_partition_for_each()
    {
        var loaders = Services(HostRole.Loader);
        var groups = loaders.Select(s => Bind<LoaderOptions>(s, LoaderOptions.Section).ConsumerGroup).Distinct().ToList();
        Assert.Single(groups);
        Assert.All(loaders, s => Assert.True(Bind<KafkaOptions>(s, KafkaOptions.SectionName).Partitions >= loaders.Count));
    }

    [Fact]
    public void Loaders_write_to_a_ClickHouse_server_of_the_compose_file()
    {
        // The image carries no embedded engine: an empty connection string would fail at start.
        foreach (var loader in Services(HostRole.Loader))
        {
            var connection = Bind<ClickHouseOptions>(loader, ClickHouseOptions.Section).ConnectionString;
            Assert.False(string.IsNullOrEmpty(connection), $"{loader} has no ClickHouse__ConnectionString");
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
            var host = (string)builder["Host"];
            Assert.True(Compose.Services.ContainsKey(host), $"{loader}: ClickHouse host {host} is no service");
            Assert.StartsWith("clickhouse/clickhouse-server:25.", Compose.Image(host), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_process_talks_to_the_KRaft_brokers_and_replicates_within_their_number()
    {
        var brokers = Compose.Services.Keys.Where(s => Compose.Image(s)?.StartsWith("apache/kafka:", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(brokers);
        foreach (var broker in brokers)
        {
            var version = Version.Parse(Compose.Image(broker)!["apache/kafka:".Length..]);
            Assert.True(version >= new Version(3, 9), $"{broker}: Kafka {version} is older than 3.9");
            Assert.Contains("controller", Compose.Environment(broker)["KAFKA_PROCESS_ROLES"], StringComparison.Ordinal);
        }

        foreach (var service in Compose.HostServices)
        {
            var kafka = Bind<KafkaOptions>(service, KafkaOptions.SectionName);
            Assert.False(kafka.Legacy, $"{service}: Kafka__Legacy is for pre-0.10 brokers (the smoke test) only");
            var hosts = kafka.BootstrapServers.Split(',').Select(b => b.Split(':')[0]).ToList();
            Assert.All(hosts, h => Assert.Contains(h, brokers));
            Assert.InRange(kafka.ReplicationFactor, 1, brokers.Count);
        }
    }

    [Fact]
    public void Every_Tracking_process_has_a_healthcheck_on_healthz()
    {
        Assert.All(Compose.HostServices, s => Assert.Contains("/healthz", Compose.HealthCheck(s), StringComparison.Ordinal));
    }

    private static List<string> Services(HostRole role) =>
        Compose.HostServices.Where(s => HostSettings.From(Configuration(s)).Role == role).ToList();

    private static T Bind<T>(string service, string section)
        where T : new() => Configuration(service).GetSection(section).Get<T>() ?? new T();

    /// <summary>The service's environment as the host sees it (environment variables provider: "__" is ":").</summary>
    private static IConfigurationRoot Configuration(string service) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Compose.Environment(service).Select(e => KeyValuePair.Create(ToConfigurationKey(e.Key), (string?)e.Value)))
            .Build();

    private static string ToConfigurationKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);
}
