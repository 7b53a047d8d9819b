using System.Text;
using Tracking.Collector.Enrichment;
using Tracking.Collector.Parsing;
using Tracking.Enrichment;
using Tracking.Events;

namespace Tracking.Collector.Tests;

/// <summary>
/// Runs the collector's parse → validate → enrich steps on one JSON event, as a request would. The client
/// address is passed as given: anonymizing the connection's address is the request handler's job, tested
/// through a real host (Tracking.Pipeline.Tests, StoredIpTests).
/// </summary>
internal static class ParsedBatch
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static string? Validate(string json, string? impliedType = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var scratch = new PooledBufferWriter(1024);
        return EventParser.Parse(body, 0, scratch, impliedType, out _);
    }

    public static EventRecord Enrich(string json, string headerUserAgent = "", string clientIp = "203.0.113.77")
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var scratch = new PooledBufferWriter(1024);
        var error = EventParser.Parse(body, 0, scratch, null, out var parsed);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }

        var text = new RequestText(body, scratch);
        var request = new RequestInfo("proj", ReceivedAt, null, clientIp, text.Add(headerUserAgent));
        using var output = new PooledBufferWriter(1024);
        new EventEnricher(new UserAgentParser()).Write(ref parsed, text, request, output);
        return EventRecord.Decode(output.WrittenSpan);
    }
}
