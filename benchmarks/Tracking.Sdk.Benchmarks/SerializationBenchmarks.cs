using BenchmarkDotNet.Attributes;
using Tracking.Sdk.Batching;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Benchmarks;

/// <summary>The background side: serializing one event into a batch (runs on the sender, not the caller).</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly TrackingEvent _event = new(EventType.Track, "report_exported", new Visitor("user-42", "anon-7f3a") { GroupId = "acme", SessionId = "sess-91c2" }, Guid.CreateVersion7(), DateTime.UtcNow)
    {
        Properties = new Dictionary<string, object?> { ["plan"] = "enterprise", ["rows"] = 1_204, ["format"] = "csv" },
    };

    private readonly BatchBuilder _builder = new(new BatchLimits(500, 500_000));

    [Benchmark]
    public int SerializeEvent()
    {
        if (_builder.IsReady)
        {
            _builder.Take().Release();
        }

        _builder.TryAdd(_event, out var bytes);
        return bytes;
    }
}
