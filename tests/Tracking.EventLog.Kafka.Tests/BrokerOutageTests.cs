using System.Text;
using Tracking.Testing;

namespace Tracking.EventLog.Kafka.Tests;

public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Appends_fail_as_unavailable_while_brokers_are_down_and_nothing_acknowledged_is_lost()
    {
        using var kit = new KafkaTestKit(output);
        kit.Options.AppendTimeout = TimeSpan.FromSeconds(2);
        using var writer = kit.Writer();
        var acknowledged = new List<string>();
        var attempt = 0;

        async Task<bool> TryAppendAsync()
        {
            var messages = KafkaTestKit.Messages(keys: 10, from: 0, perKey: 5, tag: $"a{attempt++}-");
            try
            {
                await writer.AppendAsync(messages, CancellationToken.None);
                acknowledged.AddRange(messages.Select(m => Encoding.UTF8.GetString(m.Value.Span)));
                return true;
            }
            catch (EventLogUnavailableException e)
            {
                output.WriteLine("append failed: " + e.Message);
                return false;
            }
        }

        Assert.True(await TryAppendAsync());

        kit.Cluster.SetBrokerDown(KafkaMockCluster.AllBrokers);
        for (var i = 0; i < 3; i++)
        {
            // Within AppendTimeout (+ grace) every append gives up; none may hang, none may succeed.
            var append = TryAppendAsync();
            var finished = await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.Same(append, finished);
            Assert.False(await append, $"append {i + 1} of 3 was acknowledged while every broker was down");
        }

        kit.Cluster.SetBrokerUp(KafkaMockCluster.AllBrokers);
        await KafkaTestKit.EventuallyAsync(() => TryAppendAsync().GetAwaiter().GetResult(), "an append after the brokers came back");
        Assert.True(await TryAppendAsync());

        await using var reader = kit.Reader("loader");
        var read = await KafkaTestKit.ReadAsync(reader, _ => false, commit: false, TimeSpan.FromSeconds(15));
        var values = read.Select(m => m.Value).ToList();

        // Every acknowledged message is there; retries inside the producer never wrote one twice
        // (failed appends may have left some of theirs: at least once, the pipeline dedups by id).
        Assert.Empty(acknowledged.Except(values));
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public async Task An_append_beyond_the_queue_bound_fails_at_once()
    {
        using var kit = new KafkaTestKit(output);
        kit.Options.MaxQueuedMessages = 20;
        kit.Options.AppendTimeout = TimeSpan.FromSeconds(3);
        using var writer = kit.Writer();
        kit.Cluster.SetBrokerDown(KafkaMockCluster.AllBrokers);

        var e = await Assert.ThrowsAsync<EventLogUnavailableException>(
            async () => await writer.AppendAsync(KafkaTestKit.Messages(10, 0, 10), CancellationToken.None));
        Assert.Contains("QueueFull", e.Message, StringComparison.Ordinal);
        kit.Cluster.SetBrokerUp(KafkaMockCluster.AllBrokers);
    }
}
