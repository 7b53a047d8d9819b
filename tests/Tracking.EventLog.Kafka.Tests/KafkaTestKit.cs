using System.Collections.Concurrent;
using System.Text;
using Tracking.Testing;

namespace Tracking.EventLog.Kafka.Tests;

/// <summary>A mock cluster with a fresh topic pair, options pointing at it, and client factories.</summary>
internal sealed class KafkaTestKit : IDisposable
{
    private readonly ITestOutputHelper _output;

    public KafkaTestKit(ITestOutputHelper output, int brokers = 3, int partitions = 6, bool createTopics = true)
    {
        _output = output;
        Cluster = KafkaMockCluster.Start(brokers);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Options = new KafkaOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            Topic = "events-" + suffix,
            DeadLetterTopic = "events-dlq-" + suffix,
            Partitions = partitions,
            ReplicationFactor = 1,
            AppendTimeout = TimeSpan.FromSeconds(20),
            OperationTimeout = TimeSpan.FromSeconds(20),
            Consumer =
            {
                // Quick group turnover in tests; production keeps librdkafka's defaults.
                ["session.timeout.ms"] = "6000",
                ["heartbeat.interval.ms"] = "500",
            },
        };
        if (createTopics)
        {
            Cluster.CreateTopic(Options.Topic, partitions);
            Cluster.CreateTopic(Options.DeadLetterTopic, 1);
        }
    }

    public KafkaMockCluster Cluster { get; }

    public KafkaOptions Options { get; }

    /// <summary>Every log line of the clients made by this kit, librdkafka debug output included.</summary>
    public ConcurrentQueue<string> ClientLog { get; } = new();

    public KafkaEventLogWriter Writer(KafkaOptions? options = null) =>
        new(options ?? Options, new TestOutputLogger<KafkaEventLogWriter>(_output, ClientLog));

    public KafkaEventLogReader Reader(string group, KafkaOptions? options = null) =>
        new(options ?? Options, group, new TestOutputLogger<KafkaEventLogReader>(_output, ClientLog));

    public void Dispose() => Cluster.Dispose();

    /// <summary>Messages "key-seq" for keys 0..keys-1, seq from..from+perKey-1, keyed by "key".</summary>
    public static LogMessage[] Messages(int keys, int from, int perKey, string tag = "") =>
        [.. Enumerable.Range(from, perKey).SelectMany(seq => Enumerable.Range(0, keys).Select(key => Message($"k{key}", $"{tag}k{key}-{seq}")))];

    public static LogMessage Message(string key, string value) => new(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));

    public static string Text(ConsumedMessage message) => Encoding.UTF8.GetString(message.Value.Span);

    /// <summary>Reads until <paramref name="until"/> holds or the (generous) deadline passes; copies values out.</summary>
    public static async Task<List<(int Partition, long Offset, long NextOffset, string Value)>> ReadAsync(
        KafkaEventLogReader reader, Func<int, bool> until, bool commit, TimeSpan? timeout = null)
    {
        var read = new List<(int, long, long, string)>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!until(read.Count) && DateTime.UtcNow < deadline)
        {
            var batch = await reader.ReadAsync(500, TimeSpan.FromMilliseconds(500), CancellationToken.None);
            read.AddRange(batch.Select(m => (m.Partition, m.Offset, m.NextOffset, Text(m))));
            if (commit)
            {
                await CommitAsync(reader, batch);
            }
        }

        return read;
    }

    public static async Task CommitAsync(IEventLogReader reader, IReadOnlyList<ConsumedMessage> batch)
    {
        foreach (var group in batch.GroupBy(m => m.Partition))
        {
            await reader.CommitAsync(group.Key, group.Max(m => m.NextOffset), CancellationToken.None);
        }
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}
