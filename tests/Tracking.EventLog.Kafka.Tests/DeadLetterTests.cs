using System.Text;
using Confluent.Kafka;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class DeadLetterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_dead_lettered_message_lands_on_the_dead_letter_topic_with_the_error_and_its_source()
    {
        using var kit = new KafkaTestKit(output);
        using (var dlq = new KafkaDeadLetterWriter(kit.Options, new TestOutputLogger<KafkaDeadLetterWriter>(output)))
        {
            var poison = new ConsumedMessage(3, 41, 42, Encoding.UTF8.GetBytes("{not json"));
            await dlq.WriteAsync(poison, "FormatException: unexpected end of input", CancellationToken.None);
        }

        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kit.Options.BootstrapServers,
            GroupId = "dlq-inspector",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(kit.Options.DeadLetterTopic, 0, Offset.Beginning));
        var result = consumer.Consume(TimeSpan.FromSeconds(30));

        Assert.NotNull(result);
        Assert.Equal("{not json", Encoding.UTF8.GetString(result.Message.Value));
        string Header(string name) => Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));
        Assert.Equal("FormatException: unexpected end of input", Header(DeadLetterHeaders.Error));
        Assert.Equal(kit.Options.Topic, Header(DeadLetterHeaders.SourceTopic));
        Assert.Equal("3", Header(DeadLetterHeaders.SourcePartition));
        Assert.Equal("41", Header(DeadLetterHeaders.SourceOffset));
        Assert.True(DateTimeOffset.TryParse(Header(DeadLetterHeaders.FailedAt), System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
