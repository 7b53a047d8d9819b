using System.Globalization;
using Tracking.Testing;

namespace Tracking.Smoke;

/// <summary>The processes of one smoke run and the settings they share; disposing stops them all.</summary>
internal sealed class Topology : IAsyncDisposable
{
    /// <summary>The loaders' consumer group.</summary>
    public const string LoaderGroup = "smoke-loader";

    /// <summary>The event topic.</summary>
    public const string EventTopic = "tracking-events";

    private readonly SmokeOptions _options;
    private readonly List<HostProcess> _processes = [];
    private int _loaders;

    public Topology(SmokeOptions options)
    {
        _options = options;
        Directory.CreateDirectory(options.WorkDir!);
        Collector = Add("collector", "collector", Settings("collector"));
    }

    public string WriteKey { get; } = "wk_smoke_" + Guid.NewGuid().ToString("N");

    public string ReadKey { get; } = "rk_smoke_" + Guid.NewGuid().ToString("N");

    public HostProcess Collector { get; }

    /// <summary>A loader process on the loader's data folder (its embedded ClickHouse survives a restart).</summary>
    public HostProcess NewLoader()
    {
        var settings = new Dictionary<string, string>(Settings("loader"), StringComparer.Ordinal)
        {
            // Small batches and a short flush make loading take many batches, so the kill lands mid-load.
            ["Loader__BatchSize"] = "500",
            ["Loader__FlushInterval"] = "00:00:00.200",
            ["Loader__ConsumerGroup"] = LoaderGroup,

            // The killed loader stays a group member until its session expires, and the restarted one
            // gets partitions only then: 10 s instead of the legacy maximum of 30 s (raw librdkafka key).
            ["Kafka__Consumer__session.timeout.ms"] = "10000",
        };
        _loaders++;
        return Add("loader", $"loader-{_loaders}", settings);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string> Settings(string role) => new(StringComparer.Ordinal)
    {
        ["Tracking__Role"] = role,
        ["EventLog__Kind"] = "kafka",
        ["Kafka__BootstrapServers"] = _options.Bootstrap,
        ["Kafka__Legacy"] = "true",
        ["Kafka__Topic"] = EventTopic,
        ["Kafka__DeadLetterTopic"] = "tracking-events-dead",
        // The broker auto-creates topics with num.partitions=4 (scripts/kafka/server.properties).
        ["Kafka__Partitions"] = 4.ToString(CultureInfo.InvariantCulture),
        ["Kafka__ReplicationFactor"] = "1",
    };

    /// <summary>
    /// A host on the role's data folder, its output in <c>{name}.log</c> and its PID in <c>{name}.pid</c>
    /// in the run folder, where scripts/smoke-kafka.sh reads both.
    /// </summary>
    private HostProcess Add(string role, string name, Dictionary<string, string> settings)
    {
        var process = new HostProcess(Path.Combine(_options.WorkDir!, role), settings)
        {
            HostDll = _options.HostDll!,
            LogFile = Path.Combine(_options.WorkDir!, name + ".log"),
            PidFile = Path.Combine(_options.WorkDir!, name + ".pid"),
            WriteKey = WriteKey,
            ReadKey = ReadKey,
        };
        _processes.Add(process);
        return process;
    }
}
