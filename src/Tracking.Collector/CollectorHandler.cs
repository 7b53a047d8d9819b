using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using Tracking.Collector.Enrichment;
using Tracking.Collector.Parsing;
using Tracking.Enrichment;
using Tracking.EventLog;

namespace Tracking.Collector;

/// <summary>
/// Receive, validate, enrich, append: one request of events becomes durable event-log records
/// before the client hears 200. Invalid events are reported by index and never block the valid ones.
/// </summary>
internal sealed partial class CollectorHandler(
    IEventLogWriter log,
    IWriteKeyResolver keys,
    EventEnricher enricher,
    ObjectPool<IngestBuffers> pool,
    IOptions<CollectorOptions> options,
    CollectorMetrics metrics,
    CollectorRateLimits limits,
    BacklogLimit backlog,
    TimeProvider clock,
    ILogger<CollectorHandler> logger)
{
    private readonly CollectorOptions _limits = options.Value;

    public async Task HandleAsync(HttpContext context, string? impliedType)
    {
        var buffers = pool.Get();
        try
        {
            await HandleAsync(context, impliedType, buffers);
        }
        finally
        {
            pool.Return(buffers);
        }
    }

    private async Task HandleAsync(HttpContext context, string? impliedType, IngestBuffers buffers)
    {
        var receivedAt = clock.GetUtcNow();
        if (!await WithinRateLimitAsync(context, limits.ForClientIp(context.Connection.RemoteIpAddress), "client_ip"))
        {
            return;
        }

        if (backlog.IsExceeded(out var unloaded, out var bound))
        {
            await PushBackAsync(context, unloaded, bound);
            return;
        }

        // Auth first: a key in the headers is checked before the body is read at all.
        var auth = WriteKeyCheck.FromHeaders(context.Request, keys, out var project);
        if (auth is not (WriteKeyCheck.Outcome.Absent or WriteKeyCheck.Outcome.Known))
        {
            await Unauthorized(context, auth);
            return;
        }

        var read = await RequestBody.ReadAsync(context.Request, _limits.MaxBodyBytes, buffers.Body, context.RequestAborted);
        if (read != RequestBody.Outcome.Ok && project is null)
        {
            // The key could only be in a body that cannot be read.
            await Unauthorized(context, WriteKeyCheck.Outcome.Absent);
            return;
        }

        switch (read)
        {
            case RequestBody.Outcome.TooLarge:
                await Responses.Error(context, StatusCodes.Status413PayloadTooLarge, $"body: larger than the limit of {_limits.MaxBodyBytes} bytes");
                return;
            case RequestBody.Outcome.BadEncoding:
                await Responses.Error(context, StatusCodes.Status400BadRequest, "Content-Encoding: only gzip or an uncompressed body is accepted, and a gzip body must be valid");
                return;
        }

        metrics.RequestBytes.Record(buffers.Body.WrittenCount);
        var text = new RequestText(buffers.Body.WrittenMemory, buffers.Scratch);
        var envelopeError = impliedType is null || project is null
            ? buffers.Envelope.Read(text.Body.Span, buffers.Scratch)
            : null;
        if (project is null)
        {
            // A single event keeps its writeKey at its top level too, where the envelope reader finds it;
            // what the event itself gets wrong is reported once the key is known.
            auth = WriteKeyCheck.FromBody(text[buffers.Envelope.WriteKey], keys, out project);
            if (project is null)
            {
                await Unauthorized(context, auth);
                return;
            }
        }

        if (impliedType is null && envelopeError is not null)
        {
            await Responses.Error(context, StatusCodes.Status400BadRequest, envelopeError);
            return;
        }

        if (!await WithinRateLimitAsync(context, limits.ForProject(project), "write_key"))
        {
            return;
        }

        var ranges = impliedType is null ? buffers.Envelope.Events : [new Range(0, buffers.Body.WrittenCount)];
        if (ranges.Count == 0)
        {
            await Responses.Error(context, StatusCodes.Status400BadRequest, "batch: must contain at least one event");
            return;
        }

        if (ranges.Count > _limits.MaxBatchEvents)
        {
            await Responses.Error(context, StatusCodes.Status413PayloadTooLarge, $"batch: {ranges.Count} events; the limit is {_limits.MaxBatchEvents} a batch");
            return;
        }

        var batchSentAt = impliedType is null ? buffers.Envelope.SentAt : null;
        var parsed = ParseAll(text, ranges, impliedType, buffers, receivedAt, batchSentAt, out var oversize);
        if (parsed.Count == 0)
        {
            metrics.Rejected.Add(buffers.Rejected.Count);
            var status = oversize == buffers.Rejected.Count ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await Responses.Outcome(context, status, 0, buffers.Rejected, impliedType is null ? "no valid event in the batch" : buffers.Rejected[0].Error);
            return;
        }

        var request = new RequestInfo(
            project,
            receivedAt,
            batchSentAt,
            IpAnonymizer.Anonymize(context.Connection.RemoteIpAddress),
            text.Add(context.Request.Headers.UserAgent.ToString()));
        WriteRecords(parsed, text, request, buffers);

        if (!await AppendAsync(context, buffers))
        {
            return;
        }

        backlog.Appended(buffers.Messages.Count);
        metrics.Accepted.Add(parsed.Count);
        metrics.Rejected.Add(buffers.Rejected.Count);
        await Responses.Outcome(context, StatusCodes.Status200OK, parsed.Count, buffers.Rejected, error: null);
    }

    private static Task Unauthorized(HttpContext context, WriteKeyCheck.Outcome outcome) =>
        Responses.Error(context, StatusCodes.Status401Unauthorized, WriteKeyCheck.Message(outcome));

    private async Task<bool> WithinRateLimitAsync(HttpContext context, TimeSpan? retryAfter, string limit)
    {
        if (retryAfter is not { } wait)
        {
            return true;
        }

        metrics.RateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Responses.Error(context, StatusCodes.Status429TooManyRequests, $"rate limit: too many requests from this {(limit == "client_ip" ? "client address" : "write key")}; retry after {seconds} s");
        return false;
    }

    /// <summary>503 before the body is read: the loader is more than the configured bound behind.</summary>
    private async Task PushBackAsync(HttpContext context, long unloaded, long bound)
    {
        metrics.Unavailable.Add(1, new KeyValuePair<string, object?>("reason", "backlog"));
        var seconds = backlog.RetryAfterSeconds(unloaded, bound);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Responses.Error(context, StatusCodes.Status503ServiceUnavailable, backlog.Describe(unloaded, bound, seconds));
    }

    private List<(int Index, ParsedEvent Event)> ParseAll(RequestText text, List<Range> ranges, string? impliedType, IngestBuffers buffers, DateTimeOffset receivedAt, DateTimeOffset? batchSentAt, out int oversize)
    {
        oversize = 0;
        var parsed = buffers.Parsed;
        var body = text.Body.Span;
        var oldest = receivedAt - TimeSpan.FromDays(_limits.MaxEventAgeDays);
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, length) = ranges[i].GetOffsetAndLength(body.Length);
            if (length > _limits.MaxEventBytes)
            {
                oversize++;
                buffers.Rejected.Add((i, $"event: {length} bytes; the limit is {_limits.MaxEventBytes} bytes an event"));
                continue;
            }

            string? error;
            ParsedEvent one;
            try
            {
                error = EventParser.Parse(body.Slice(start, length), start, buffers.Scratch, impliedType, out one);
            }
            catch (JsonException e)
            {
                (error, one) = ($"body: malformed JSON at byte {start + (e.BytePositionInLine ?? 0)}", default);
            }

            if (error is null && ClockSkew.Correct(one.Timestamp, one.SentAt ?? batchSentAt, receivedAt) < oldest)
            {
                error = $"timestamp: more than {_limits.MaxEventAgeDays} days before the collector received the event (after clock-skew correction with sentAt); older events are refused";
            }

            if (error is null)
            {
                parsed.Add((i, one));
            }
            else
            {
                buffers.Rejected.Add((i, impliedType is null ? $"batch[{i}].{error}" : error));
            }
        }

        return parsed;
    }

    private void WriteRecords(List<(int Index, ParsedEvent Event)> parsed, RequestText text, RequestInfo request, IngestBuffers buffers)
    {
        foreach (var (_, one) in parsed)
        {
            var ev = one;
            var start = buffers.Records.WrittenCount;
            enricher.Write(ref ev, text, request, buffers.Records);
            buffers.RecordRanges.Add((start, buffers.Records.WrittenCount - start, ev.Visitor));
        }

        // Memory slices are taken only now: the record buffer may have moved while it grew.
        foreach (var (start, length, key) in buffers.RecordRanges)
        {
            buffers.Messages.Add(new LogMessage(text.Memory(key), buffers.Records.Slice(start, length)));
        }
    }

    private async Task<bool> AppendAsync(HttpContext context, IngestBuffers buffers)
    {
        // A child of the request's span (none unless a trace exporter listens): how long durability took.
        using var activity = CollectorMetrics.ActivitySource.StartActivity("collector.append");
        activity?.SetTag("log.messages", buffers.Messages.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await log.AppendAsync(buffers.Messages, context.RequestAborted);
            metrics.AppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return true;
        }
        catch (EventLogUnavailableException e)
        {
            metrics.Unavailable.Add(1);
            LogUnavailable(logger, e.Message);
            context.Response.Headers.RetryAfter = _limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Responses.Error(context, StatusCodes.Status503ServiceUnavailable, "the event log cannot take events right now; retry after the Retry-After delay");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event log unavailable, answering 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
