using Microsoft.Extensions.Logging.Abstractions;
using Tracking.ClickHouse.Embedded;
using Tracking.Testing;

namespace Tracking.Kafka.Tests;

/// <summary>
/// The cluster topology on one machine: librdkafka's mock Kafka cluster and a ClickHouse (the embedded
/// engine, served over its HTTP interface) in this test process; collectors and loaders as separate
/// host processes talking to both over 127.0.0.1. Shared by every test of the collection.
/// </summary>
public sealed class KafkaTopology : IAsyncLifetime
{
    private readonly TempDirectory _clickHouseData = new("tracking-kafka-ch");
    private EmbeddedClickHouse? _clickHouse;

    public KafkaMockCluster Kafka { get; } = KafkaMockCluster.Start(brokers: 3);

    /// <summary>The SQL port with the read-only analyst's credentials as user info (see ClickHouseHttp).</summary>
    public Uri ClickHouseAddress => new UriBuilder(_clickHouse!.Endpoint) { UserName = EmbeddedClickHouse.AnalystUser, Password = _clickHouse.AnalystPassword }.Uri;

    public string ClickHouseConnectionString => _clickHouse!.ConnectionString;

    public async Task InitializeAsync()
    {
        _clickHouse = await EmbeddedClickHouse.StartAsync(
            new EmbeddedClickHouseOptions { LibraryPath = RepoPaths.ChdbLibrary, DataPath = _clickHouseData.Path, Port = 0 },
            NullLoggerFactory.Instance,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }

        Kafka.Dispose();
        _clickHouseData.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaTopology>
{
    public const string Name = "kafka topology";
}
