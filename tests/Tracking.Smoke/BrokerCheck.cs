using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Tracking.Smoke;

/// <summary>
/// `--check-broker`: proves the broker and the legacy client settings work before anything else runs
/// (keyed produce with acks=all and lz4, group consume with the cooperative-sticky assignor and manual commits), and reports which newer
/// features this old broker lacks, so a failing smoke run points at the broker rather than the host.
/// </summary>
internal static class BrokerCheck
{
    internal const int Messages = 2_000;

    public static async Task<int> RunAsync(string bootstrap, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var topic = "smoke-check-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        try
        {
            var produced = await ProduceAsync(bootstrap, topic, cts.Token);
            var consumed = Consume(bootstrap, topic, cts.Token);
            Console.WriteLine($"check-broker: produced {produced}, consumed {consumed.Count} distinct keys in {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine("check-broker: message headers: " + await ProbeHeadersAsync(bootstrap, topic));
            Console.WriteLine("check-broker: CreateTopics admin request: " + await ProbeCreateTopicsAsync(bootstrap));
            var ok = produced == Messages && consumed.Count == Messages;
            Console.WriteLine(ok ? "check-broker: OK" : "check-broker: FAIL messages missing");
            return ok ? 0 : 1;
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            Console.WriteLine($"check-broker: FAIL {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ProduceAsync(string bootstrap, string topic, CancellationToken cancel)
    {
        using var producer = new ProducerBuilder<string, string>(LegacyKafka.Producer(bootstrap)).SetLogHandler(LegacyKafka.Log).Build();
        var sends = Enumerable.Range(0, Messages)
            .Select(i => producer.ProduceAsync(topic, new Message<string, string> { Key = "k" + i, Value = "v" + i }, cancel));
        var results = await Task.WhenAll(sends);
        return results.Count(r => r.Status == PersistenceStatus.Persisted);
    }

    private static HashSet<string> Consume(string bootstrap, string topic, CancellationToken cancel)
    {
        using var consumer = new ConsumerBuilder<string, string>(LegacyKafka.Consumer(bootstrap, topic + "-group")).SetLogHandler(LegacyKafka.Log).Build();
        consumer.Subscribe(topic);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (keys.Count < Messages && !cancel.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                keys.Add(result.Message.Key);
                consumer.StoreOffset(result);
            }
        }

        consumer.Commit();
        consumer.Close();
        return keys;
    }

    // Message format v0 has no headers: librdkafka sends the message without them, so the event log
    // must not rely on headers (e.g. for dead-letter reasons) against such a broker.
    private static async Task<string> ProbeHeadersAsync(string bootstrap, string topic)
    {
        using var producer = new ProducerBuilder<string, string>(LegacyKafka.Producer(bootstrap)).SetLogHandler(LegacyKafka.Log).Build();
        try
        {
            var headers = new Headers { { "probe", Encoding.UTF8.GetBytes("1") } };
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var sent = await producer.ProduceAsync(topic, new Message<string, string> { Key = "h", Value = "h", Headers = headers }, cts.Token);
            using var consumer = new ConsumerBuilder<string, string>(LegacyKafka.Consumer(bootstrap, topic + "-probe")).SetLogHandler(LegacyKafka.Log).Build();
            consumer.Assign(sent.TopicPartitionOffset);
            var back = consumer.Consume(TimeSpan.FromSeconds(10));
            return back?.Message is null ? "sent, not read back"
                : back.Message.Headers is { Count: > 0 } ? "kept"
                : "accepted but dropped (message format v0)";
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            return "not supported (" + e.Message + ")";
        }
    }

    // CreateTopics arrived in 0.10.1: against 0.9 topics come from auto-creation instead.
    private static async Task<string> ProbeCreateTopicsAsync(string bootstrap)
    {
        using var admin = new AdminClientBuilder(LegacyKafka.Apply(new AdminClientConfig(), bootstrap)).SetLogHandler(LegacyKafka.Log).Build();
        try
        {
            var spec = new TopicSpecification { Name = "smoke-admin-" + Guid.NewGuid().ToString("N")[..8], NumPartitions = 2, ReplicationFactor = 1 };
            await admin.CreateTopicsAsync([spec], new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
            return "accepted";
        }
        catch (KafkaException e)
        {
            return "not supported (" + e.Message + ")";
        }
    }
}
