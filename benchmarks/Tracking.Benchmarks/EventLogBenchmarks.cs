using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Collector.Enrichment;
using Tracking.Collector.Parsing;
using Tracking.Enrichment;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Events;

namespace Tracking.Benchmarks;

/// <summary>
/// Appending a request's worth of records (100) to the embedded log until durable, per event. Alone,
/// every append waits for its own fsync; with 16 concurrent appenders (as under HTTP load) they share
/// commits, which is what the collector sees.
/// </summary>
[MemoryDiagnoser]
public class EventLogBenchmarks
{
    private const int BatchSize = 100;
    private const int Appenders = 16;

    private string _directory = "";
    private EmbeddedEventLog _log = null!;
    private LogMessage[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tracking-bench-log-" + Guid.NewGuid().ToString("N"));
        _log = new EmbeddedEventLog(new EmbeddedEventLogOptions { Directory = _directory }, NullLogger<EmbeddedEventLog>.Instance);
        _batch = RealRecords(BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "log append x100, 1 appender")]
    public async Task AppendOne() => await _log.AppendAsync(_batch, CancellationToken.None);

    [Benchmark(OperationsPerInvoke = BatchSize * Appenders, Description = "log append x100, 16 appenders")]
    public async Task AppendConcurrent()
    {
        var appends = new Task[Appenders];
        for (var i = 0; i < appends.Length; i++)
        {
            appends[i] = _log.AppendAsync(_batch, CancellationToken.None).AsTask();
        }

        await Task.WhenAll(appends);
    }

    /// <summary>Records exactly as the collector makes them from the benchmark dataset (about 600 bytes each).</summary>
    private static LogMessage[] RealRecords(int count)
    {
        var enricher = new EventEnricher(new UserAgentParser());
        var ip = IpAnonymizer.Anonymize(IPAddress.Loopback);
        var records = new List<LogMessage>();
        foreach (var body in BenchmarkRequests.Bodies)
        {
            using var scratch = new PooledBufferWriter(64 * 1024);
            var envelope = new BatchEnvelope();
            envelope.Read(body.Json, scratch);
            var text = new RequestText(body.Json, scratch);
            var request = new RequestInfo("proj", DateTimeOffset.UtcNow, null, ip, default);
            foreach (var range in envelope.Events)
            {
                var (start, length) = range.GetOffsetAndLength(body.Json.Length);
                if (EventParser.Parse(body.Json.AsSpan(start, length), start, scratch, null, out var parsed) is not null)
                {
                    continue;
                }

                using var output = new PooledBufferWriter(4096);
                enricher.Write(ref parsed, text, request, output);
                records.Add(new LogMessage(text.Memory(parsed.Visitor).ToArray(), output.WrittenSpan.ToArray()));
                if (records.Count == count)
                {
                    return [.. records];
                }
            }
        }

        throw new InvalidOperationException("the benchmark dataset has too few events");
    }
}
