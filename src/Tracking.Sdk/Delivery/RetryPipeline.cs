using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Tracking.Sdk.Diagnostics;

namespace Tracking.Sdk.Delivery;

/// <summary>
/// The Polly 8 pipeline around one batch request: a per-attempt timeout inside a retry that uses
/// exponential backoff with jitter, except that 429 and 503 wait exactly what <c>Retry-After</c> says.
/// Connection failures, timeouts, 408, 429 and 503 retry without limit (the collector is away, the
/// batch is fine); 500, 502 and 504 retry <see cref="TrackingOptions.MaxServerErrorRetries"/> times.
/// Everything else is final and handled by <see cref="BatchSender"/>.
/// </summary>
internal static class RetryPipeline
{
    public static readonly ResiliencePropertyKey<int> BatchSize = new("tracking.batch_size");

    public static ResiliencePipeline<HttpResponseMessage> Create(TrackingOptions options, SdkMetrics metrics, ILogger logger, TimeProvider time)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, options.MaxServerErrorRetries, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryAfter, time)),
            OnRetry = args =>
            {
                metrics.Retried();
                var reason = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name + ": " + args.Outcome.Exception?.Message;
                args.Context.Properties.TryGetValue(BatchSize, out var size);
                Log.Retrying(logger, size, reason, args.AttemptNumber + 1, args.RetryDelay);
                args.Outcome.Result?.Dispose();
                return default;
            },
        };

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(retry)
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, int maxServerErrorRetries, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException;
        }

        return outcome.Result?.StatusCode switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => attemptNumber < maxServerErrorRetries,
            _ => false,
        };
    }

    /// <summary>The collector's <c>Retry-After</c> on 429/503 (seconds or a date), capped; null for the default backoff.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }
}
