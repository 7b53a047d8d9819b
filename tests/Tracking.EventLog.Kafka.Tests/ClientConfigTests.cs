using Confluent.Kafka;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class ClientConfigTests
{
    private static KafkaOptions Options(bool legacy = false) => new()
    {
        BootstrapServers = "127.0.0.1:9092",
        Legacy = legacy,
        AppendTimeout = TimeSpan.FromSeconds(7),
        MaxQueuedMessages = 1234,
    };

    [Fact]
    public void Producer_is_idempotent_acks_all_keyed_with_the_java_partitioner()
    {
        var config = KafkaClientConfigs.Producer(Options(), "c");

        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
        Assert.Equal(7000, config.MessageTimeoutMs);
        Assert.Equal(1234, config.QueueBufferingMaxMessages);
    }

    [Fact]
    public void Consumer_commits_manually_and_starts_at_the_earliest_offset()
    {
        var config = KafkaClientConfigs.Consumer(Options(), "g", "c");

        Assert.Equal("g", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
    }

    [Fact]
    public void Legacy_switch_speaks_to_pre_0_10_brokers()
    {
        var producer = KafkaClientConfigs.Producer(Options(legacy: true), "c");
        var consumer = KafkaClientConfigs.Consumer(Options(legacy: true), "g", "c");
        var admin = KafkaClientConfigs.Admin(Options(legacy: true), "c");

        Assert.False(producer.EnableIdempotence);
        foreach (var config in new ClientConfig[] { producer, consumer, admin })
        {
            Assert.False(config.ApiVersionRequest);
            Assert.Equal("0.9.0.1", config.BrokerVersionFallback);
        }

        Assert.True(consumer.SessionTimeoutMs <= 30_000);
    }

    [Fact]
    public void Pass_through_settings_reach_every_client_and_win_over_defaults()
    {
        var options = Options();
        options.Client["security.protocol"] = "SASL_SSL";
        options.Client["sasl.mechanism"] = "SCRAM-SHA-512";
        options.Producer["linger.ms"] = "50";
        options.Consumer["fetch.max.bytes"] = "1000000";

        var producer = KafkaClientConfigs.Producer(options, "c");
        var consumer = KafkaClientConfigs.Consumer(options, "g", "c");

        Assert.Equal("SASL_SSL", producer.Get("security.protocol"));
        Assert.Equal("SASL_SSL", consumer.Get("security.protocol"));
        Assert.Equal("SCRAM-SHA-512", KafkaClientConfigs.Admin(options, "c").Get("sasl.mechanism"));
        Assert.Equal(50, producer.LingerMs);
        Assert.Equal(1_000_000, consumer.FetchMaxBytes);
        Assert.Null(producer.Get("fetch.max.bytes"));
    }
}
