using BenchmarkDotNet.Attributes;

namespace Tracking.Sdk.Benchmarks;

/// <summary>
/// The cost of <see cref="TrackingClient.Track"/> to the caller: validation, message id, timestamp and
/// the enqueue. Each iteration runs a fixed number of calls into a queue large enough to take them all
/// (no drops), then waits for the background sender to drain it outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class TrackBenchmarks
{
    public const int CallsPerIteration = 200_000;

    private readonly Dictionary<string, object?> _properties = new()
    {
        ["plan"] = "enterprise",
        ["rows"] = 1_204,
        ["format"] = "csv",
    };

    private readonly Visitor _visitor = new("user-42", "anon-7f3a") { GroupId = "acme", SessionId = "sess-91c2" };
    private TrackingClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new TrackingClient(
            new TrackingOptions
            {
                Endpoint = new Uri("http://collector.invalid/"),
                WriteKey = "wk_bench",
                MaxQueueSize = 4 * CallsPerIteration,
                FlushInterval = TimeSpan.FromMilliseconds(50),
            }.AddKeyPath("onboarding", "signed_up", "invite_sent"),
            httpClient: new HttpClient(new DiscardingHandler()));
    }

    [IterationCleanup]
    public void Drain()
    {
        _client.FlushAsync().GetAwaiter().GetResult();
        if (_client.GetStatistics().Dropped > 0)
        {
            throw new InvalidOperationException("the benchmark dropped events: " + _client.GetStatistics());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    public bool Track()
    {
        var queued = false;
        for (var i = 0; i < CallsPerIteration; i++)
        {
            queued = _client.Track("report_exported", _visitor, _properties);
        }

        return queued;
    }

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    public bool Step()
    {
        var queued = false;
        for (var i = 0; i < CallsPerIteration; i++)
        {
            queued = _client.Step("onboarding", "invite_sent", _visitor, _properties);
        }

        return queued;
    }
}
