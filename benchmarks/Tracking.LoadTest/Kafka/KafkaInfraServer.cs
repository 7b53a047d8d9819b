using System.Globalization;
using Microsoft.Extensions.Logging;
using Tracking.ClickHouse.Embedded;
using Tracking.Testing;

namespace Tracking.LoadTest.Kafka;

/// <summary>
/// <c>kafka-infra PARTITIONS</c>: librdkafka's mock cluster (3 brokers, the event topic and its dead-letter
/// topic) and an embedded ClickHouse, in a process of their own. The mock's broker threads then compete
/// with the collector and loader processes like a real broker would, not with the load generator's
/// thread pool, and their CPU time is measured apart. Prints one line with both addresses, then
/// serves until its standard input closes.
/// </summary>
internal static class KafkaInfraServer
{
    public const string Topic = "tracking-events";

    public static async Task RunAsync(int partitions, CancellationToken cancellationToken)
    {
        using var data = new TempDirectory("tracking-bench-kafka-ch");
        using var logging = LoggerFactory.Create(_ => { });
        using var kafka = KafkaMockCluster.Start(brokers: 3);
        kafka.CreateTopic(Topic, partitions);
        kafka.CreateTopic(Topic + "-dlq", 1);
        await using var clickHouse = await EmbeddedClickHouse.StartAsync(
            new EmbeddedClickHouseOptions { LibraryPath = RepoPaths.ChdbLibrary, DataPath = data.Path, Port = 0 },
            logging,
            cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kafka.BootstrapServers} {new UriBuilder(clickHouse.Endpoint) { UserName = EmbeddedClickHouse.AnalystUser, Password = clickHouse.AnalystPassword }.Uri} {clickHouse.ConnectionString}"));

        // The parent holds our standard input open for as long as it needs us.
        await Console.In.ReadToEndAsync(cancellationToken);
    }
}
