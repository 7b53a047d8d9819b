using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Tracking.Sdk.Batching;
using Tracking.Sdk.Diagnostics;
using Tracking.Sdk.Serialization;

namespace Tracking.Sdk.Delivery;

/// <summary>
/// Posts a batch to <c>/v1/batch</c> through the retry pipeline and applies the collector's final
/// answer: 200 counts accepted events and logs each rejected one (never retried); 400 drops the
/// batch (it can never succeed); 401 drops it and logs loudly (a wrong write key is not fixed by
/// retrying, and holding events for a key that may never work would only fill the buffer); 413
/// splits the batch in halves; other final statuses drop it. Only cancellation (shutdown) escapes.
/// </summary>
internal sealed class BatchSender
{
    private readonly HttpClient _http;
    private readonly Uri _batchUri;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly bool _gzip;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SdkMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // One batch is sent at a time, so these are reused from batch to batch.
    private readonly List<ReadOnlyMemory<byte>> _events = new(500);
    private readonly MemoryStream _body = new(64 * 1024);

    public BatchSender(HttpClient http, TrackingOptions options, SdkMetrics metrics, ILogger logger, TimeProvider time)
    {
        _http = http;
        _batchUri = new Uri(options.Endpoint!, "v1/batch");
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.WriteKey + ":")));
        _gzip = options.Compress;
        _pipeline = RetryPipeline.Create(options, metrics, logger, time);
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    public async Task SendAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var events = _events;
        EventBatch.Split(batch.Payload, events);
        var started = _time.GetTimestamp();
        var outcome = await SendRangeAsync(events, 0, events.Count, cancellationToken);
        _metrics.BatchCompleted(_time.GetElapsedTime(started), outcome);
    }

    private async Task<string> SendRangeAsync(List<ReadOnlyMemory<byte>> events, int start, int count, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.BatchSize, count);
        HttpResponseMessage response;
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var (sender, events, start, count) = state;
                        return Outcome.FromResult(await sender.PostAsync(events, start, count, ctx.CancellationToken));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (this, events, start, count));
            cancellationToken.ThrowIfCancellationRequested();
            if (outcome.Exception is not null)
            {
                // Not transient and not cancellation: an unexpected failure that retrying will not fix.
                Log.SenderFailed(_logger, outcome.Exception, count);
                _metrics.Dropped(DropReason.Refused, count);
                return "failed";
            }

            response = outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            return await HandleAsync(response, events, start, count, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(List<ReadOnlyMemory<byte>> events, int start, int count, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _batchUri)
        {
            Content = BatchContent.Create(_body, events, start, count, _gzip, _time.GetUtcNow().UtcDateTime),
        };
        request.Headers.Authorization = _authorization;
        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private async Task<string> HandleAsync(HttpResponseMessage response, List<ReadOnlyMemory<byte>> events, int start, int count, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            await AcceptAsync(response, events, start, count, cancellationToken);
            return "accepted";
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.BadRequest:
                Log.BatchMalformed(_logger, count, await BodyAsync(response, cancellationToken));
                _metrics.Dropped(DropReason.Malformed, count);
                return "malformed";
            case HttpStatusCode.Unauthorized:
                Log.Unauthorized(_logger, count);
                _metrics.Dropped(DropReason.Unauthorized, count);
                return "unauthorized";
            case HttpStatusCode.RequestEntityTooLarge when count > 1:
                Log.SplittingBatch(_logger, count);
                var half = count / 2;
                await SendRangeAsync(events, start, half, cancellationToken);
                await SendRangeAsync(events, start + half, count - half, cancellationToken);
                return "split";
            case HttpStatusCode.RequestEntityTooLarge:
                _metrics.Dropped(DropReason.TooLarge, count);
                Log.BatchRefused(_logger, response.StatusCode, count, await BodyAsync(response, cancellationToken));
                return "too_large";
            case HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout:
                Log.ServerErrorsExhausted(_logger, count);
                _metrics.Dropped(DropReason.ServerError, count);
                return "server_error";
            default:
                Log.BatchRefused(_logger, response.StatusCode, count, await BodyAsync(response, cancellationToken));
                _metrics.Dropped(DropReason.Refused, count);
                return "refused";
        }
    }

    private async Task AcceptAsync(HttpResponseMessage response, List<ReadOnlyMemory<byte>> events, int start, int count, CancellationToken cancellationToken)
    {
        BatchResponse? answer = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length > 0)
            {
                answer = JsonSerializer.Deserialize(body, SdkJsonContext.Default.BatchResponse);
            }
        }
        catch (JsonException)
        {
            // A 2xx without the usual body still means accepted.
        }

        var rejected = 0;
        foreach (var reject in answer?.Rejected ?? [])
        {
            if (reject.Index < 0 || reject.Index >= count)
            {
                continue;
            }

            rejected++;
            var (messageId, description) = Describe(events[start + reject.Index]);
            Log.EventRejected(_logger, messageId, description, reject.Index, reject.Error);
        }

        _metrics.Dropped(DropReason.Rejected, rejected);
        _metrics.Sent(count - rejected);
    }

    private static (string? MessageId, string? Description) Describe(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? Get(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Get("messageId"), Get("type") + (Get("event") is { } name ? " " + name : ""));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 500 ? text[..500] + "…" : text;
    }
}
