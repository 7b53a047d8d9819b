using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class TopicTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Existing_topics_are_reported_with_their_partition_count()
    {
        using var kit = new KafkaTestKit(output, partitions: 9);

        var topics = await KafkaTopics.EnsureAsync(kit.Options, new TestOutputLogger<KafkaTopicsLog>(output));

        Assert.Equal(9, topics[kit.Options.Topic]);
        Assert.Equal(1, topics[kit.Options.DeadLetterTopic]);
    }

    [Fact]
    public async Task Missing_topics_on_brokers_without_create_topics_are_warned_about_and_start_up_goes_on()
    {
        using var kit = new KafkaTestKit(output, createTopics: false);
        kit.Options.OperationTimeout = TimeSpan.FromSeconds(5);
        var log = new ConcurrentQueue<string>();

        var topics = await KafkaTopics.EnsureAsync(kit.Options, new TestOutputLogger<KafkaTopicsLog>(output, log));

        Assert.False(topics.ContainsKey(kit.Options.Topic), "the mock cluster has no CreateTopics, yet the topic was reported");
        Assert.Contains(log, line => line.Contains("cannot create topics", StringComparison.Ordinal) && line.Contains(kit.Options.Topic, StringComparison.Ordinal));
    }

    [Fact(Skip = "needs a broker with CreateTopics (Kafka 0.10.1 or later): librdkafka's mock cluster has none, and the only real broker installable here is 0.9.0.1")]
    public async Task Missing_topics_are_created_with_the_configured_partitions_and_retention()
    {
        using var kit = new KafkaTestKit(output, createTopics: false);
        kit.Options.Partitions = 5;
        kit.Options.RetentionMs = 3_600_000;

        var topics = await KafkaTopics.EnsureAsync(kit.Options, new TestOutputLogger<KafkaTopicsLog>(output));

        Assert.Equal(5, topics[kit.Options.Topic]);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kit.Options.BootstrapServers }).Build();
        var described = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = kit.Options.Topic }]);
        Assert.Equal("3600000", described.Single().Entries["retention.ms"].Value);
    }

    [Fact]
    public async Task Legacy_brokers_skip_topic_creation()
    {
        using var kit = new KafkaTestKit(output, createTopics: false);
        kit.Options.Legacy = true;

        Assert.Empty(await KafkaTopics.EnsureAsync(kit.Options, new TestOutputLogger<KafkaTopicsLog>(output)));
    }

    /// <summary>Category name for the static <see cref="KafkaTopics"/> logs.</summary>
    private sealed class KafkaTopicsLog;
}
