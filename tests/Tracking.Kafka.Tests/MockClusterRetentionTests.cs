using Confluent.Kafka;
using Tracking.Testing;

namespace Tracking.Kafka.Tests;

/// <summary>
/// librdkafka's mock cluster keeps only the last 5 MB (or 100,000 message sets) of each partition and
/// deletes older messages, loaded or not (rdkafka_mock.c, no setting changes it). A backlog larger than
/// that loses its head before a loader reads it, and waiting for the loader to catch up then looks
/// like a loader that stalls: benchmarks and tests must keep each partition's backlog under 5 MB.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class MockClusterRetentionTests(KafkaTopology topology)
{
    private const int MessageBytes = 10_000;

    [Fact]
    public void The_mock_deletes_the_oldest_messages_of_a_partition_past_5_MB()
    {
        var topic = "retention-" + Guid.NewGuid().ToString("N");
        topology.Kafka.CreateTopic(topic, partitions: 1);
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = topology.Kafka.BootstrapServers, LingerMs = 5 }).Build())
        {
            // Random bytes, so compression cannot shrink 7 MB below the limit.
            var value = new byte[MessageBytes];
            Random.Shared.NextBytes(value);
            for (var i = 0; i < 700; i++)
            {
                producer.Produce(topic, new Message<Null, byte[]> { Value = value });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = topology.Kafka.BootstrapServers, GroupId = topic }).Build();
        var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(30));
        Assert.Equal(700, offsets.High.Value);
        Assert.True(offsets.Low.Value > 0, "the mock kept every message");

        // 5 MB, plus at most the message set appended after the oldest ones were dropped (batch.size, 1 MB).
        Assert.True((offsets.High.Value - offsets.Low.Value) * MessageBytes <= 6 * 1024 * 1024, $"the mock kept {offsets.High.Value - offsets.Low.Value} messages");
    }
}
