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
    public async Task Missing_topics_are_created_with_the_configured_partitions_or_left_to_brokers_that_cannot_create()
    {
        using var kit = new KafkaTestKit(output, createTopics: false);
        kit.Options.Partitions = 5;
        kit.Options.OperationTimeout = TimeSpan.FromSeconds(5);

        var topics = await KafkaTopics.EnsureAsync(kit.Options, new TestOutputLogger<KafkaTopicsLog>(output));

        // librdkafka's mock has no CreateTopics: EnsureAsync must not fail start-up there. Where the
        // broker can create them, they carry the configured partition count.
        if (topics.TryGetValue(kit.Options.Topic, out var partitions))
        {
            Assert.Equal(5, partitions);
        }
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
