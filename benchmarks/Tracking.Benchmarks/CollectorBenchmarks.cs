using System.Net;
using BenchmarkDotNet.Attributes;
using Tracking.Collector.Enrichment;
using Tracking.Collector.Parsing;
using Tracking.Enrichment;
using Tracking.Events;

namespace Tracking.Benchmarks;

/// <summary>
/// The collector's CPU work per event, as <c>CollectorHandler</c> does it for a <c>/v1/batch</c> body:
/// envelope scan, per-event parse and validation, then enrichment and RowBinary record encoding.
/// Results are per event (OperationsPerInvoke is the number of events in all bodies).
/// </summary>
[MemoryDiagnoser]
public class CollectorBenchmarks
{
    private const int Events = BenchmarkRequests.EventCount;

    private readonly BatchEnvelope _envelope = new();
    private readonly PooledBufferWriter _scratch = new(64 * 1024);
    private readonly PooledBufferWriter _records = new(256 * 1024);
    private readonly EventEnricher _enricher = new(new UserAgentParser());
    private readonly string _anonymizedIp = IpAnonymizer.Anonymize(IPAddress.Parse("203.0.113.77"));
    private readonly DateTimeOffset _receivedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private byte[][] _bodies = [];

    [GlobalSetup]
    public void Setup()
    {
        _bodies = [.. BenchmarkRequests.Bodies.Select(b => b.Json)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scratch.Dispose();
        _records.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "parse+validate")]
    public int ParseAndValidate()
    {
        var valid = 0;
        foreach (var body in _bodies)
        {
            Reset();
            _envelope.Read(body, _scratch);
            foreach (var range in _envelope.Events)
            {
                var (start, length) = range.GetOffsetAndLength(body.Length);
                if (EventParser.Parse(body.AsSpan(start, length), start, _scratch, null, out _) is null)
                {
                    valid++;
                }
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "parse+validate+enrich+encode")]
    public int ParseValidateEnrich()
    {
        var bytes = 0;
        foreach (var body in _bodies)
        {
            Reset();
            _envelope.Read(body, _scratch);
            var text = new RequestText(body, _scratch);
            var request = new RequestInfo("proj", _receivedAt, _envelope.SentAt, _anonymizedIp, default);
            foreach (var range in _envelope.Events)
            {
                var (start, length) = range.GetOffsetAndLength(body.Length);
                if (EventParser.Parse(body.AsSpan(start, length), start, _scratch, null, out var parsed) is null)
                {
                    _enricher.Write(ref parsed, text, request, _records);
                }
            }

            bytes += _records.WrittenCount;
        }

        return bytes;
    }

    private void Reset()
    {
        _envelope.Reset();
        _scratch.Reset();
        _records.Reset();
    }
}
