using Tracking.Testing;

namespace Tracking.Kafka.Tests;

/// <summary>
/// One test's slice of the topology: its own topic, consumer group and ClickHouse database, and the
/// collector and loader processes it starts. Every process shares the project keys.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly KafkaTopology _topology;
    private readonly List<(HostProcess Host, TempDirectory Data)> _processes = [];
    private readonly string _name;

    public Deployment(KafkaTopology topology, string name, int partitions = 4)
    {
        _topology = topology;
        _name = name;
        Topic = "events-" + name;
        Database = "t_" + name.Replace('-', '_');
        topology.Kafka.CreateTopic(Topic, partitions);
        topology.Kafka.CreateTopic(Topic + "-dlq", 1);
    }

    public string Topic { get; }

    public string Database { get; }

    public string WriteKey { get; } = "wk_" + Guid.NewGuid().ToString("N");

    public string ReadKey { get; } = "rk_" + Guid.NewGuid().ToString("N");

    public string Table => Database + ".events";

    public string BootstrapServers => _topology.Kafka.BootstrapServers;

    /// <summary>The consumer group every loader of this deployment joins.</summary>
    public string ConsumerGroup => "loader-" + _name;

    /// <param name="appendTimeout">
    /// How long an append may wait for the brokers before the collector answers 503: short by default, so a dead
    /// broker turns into 503s quickly instead of hanging requests.
    /// </param>
    public Task<HostProcess> StartCollectorAsync(string appendTimeout = "00:00:03") => StartAsync("collector", new Dictionary<string, string>
    {
        ["Kafka__AppendTimeout"] = appendTimeout,
    });

    /// <param name="settings">More settings of this loader, or overrides of these.</param>
    public Task<HostProcess> StartLoaderAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var loader = new Dictionary<string, string>
        {
            ["ClickHouse__ConnectionString"] = _topology.ClickHouseConnectionString,
            ["ClickHouse__Database"] = Database,
            ["Loader__ConsumerGroup"] = ConsumerGroup,
            ["Loader__FlushInterval"] = "00:00:00.200",
            ["Loader__BatchSize"] = "2000",
            // A killed loader's partitions move on after this, rather than after the 45 s default.
            ["Kafka__Consumer__session.timeout.ms"] = "6000",
            ["Kafka__Consumer__heartbeat.interval.ms"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            loader[key] = value;
        }

        return StartAsync("loader", loader);
    }

    /// <summary>Messages in the dead-letter topic (it has one partition).</summary>
    public long DeadLetters()
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, Confluent.Kafka.Ignore>(
            new Confluent.Kafka.ConsumerConfig { BootstrapServers = _topology.Kafka.BootstrapServers, GroupId = "dlq-count-" + _name }).Build();
        var offsets = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(Topic + "-dlq", 0), TimeSpan.FromSeconds(10));
        return offsets.High - offsets.Low;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (host, data) in _processes)
        {
            await host.DisposeAsync();
            data.Dispose();
        }
    }

    private async Task<HostProcess> StartAsync(string role, Dictionary<string, string> settings)
    {
        settings["Tracking__Role"] = role;
        settings["EventLog__Kind"] = "kafka";
        settings["Kafka__BootstrapServers"] = _topology.Kafka.BootstrapServers;
        settings["Kafka__Topic"] = Topic;
        settings["Kafka__DeadLetterTopic"] = Topic + "-dlq";
        settings["Kafka__ReplicationFactor"] = "1";
        var data = new TempDirectory("tracking-" + role);
        var host = new HostProcess(data.Path, settings) { WriteKey = WriteKey, ReadKey = ReadKey };
        _processes.Add((host, data));
        await host.StartAsync();
        return host;
    }
}
