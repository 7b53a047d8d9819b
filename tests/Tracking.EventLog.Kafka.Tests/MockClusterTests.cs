using Tracking.Testing;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class MockClusterTests
{
    [Fact]
    public void The_mock_runs_inside_the_librdkafka_that_Confluent_Kafka_loaded()
    {
        using var cluster = KafkaMockCluster.Start(brokers: 2);

        Assert.Equal(2, cluster.BootstrapServers.Split(',').Length);
        Assert.All(cluster.BootstrapServers.Split(','), address => Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal));
        Assert.Contains("librdkafka", Path.GetFileName(KafkaMockCluster.NativeLibraryPath), StringComparison.Ordinal);
        Assert.True(File.Exists(KafkaMockCluster.NativeLibraryPath));
    }
}
