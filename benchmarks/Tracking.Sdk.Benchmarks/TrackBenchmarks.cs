using BenchmarkDotNet.Attributes;

namespace Tracking.Sdk.Benchmarks;

/// <summary>
/// The cost of <see cref="TrackingClient.Track"/> to the caller: validation, message id, timestamp and
/// the enqueue, with the background sender running (posting to an in-process handler). Each iteration
/// is a burst of <see cref="CallsPerIteration"/> calls, the default queue size, so nothing is dropped;
/// the queue is drained between iterations, outside the measurement.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(CallsPerIteration)]
public class TrackBenchmarks
{
    public const int CallsPerIteration = 10_000;

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
                MaxQueueSize = 2 * CallsPerIteration,
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

    [Benchmark]
    public bool Track() => _client.Track("report_exported", _visitor, _properties);

    [Benchmark]
    public bool Step() => _client.Step("onboarding", "invite_sent", _visitor, _properties);
}
