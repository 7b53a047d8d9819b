using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tracking.LoadTest.Data;

namespace Tracking.LoadTest.Load;

/// <summary>
/// Many keep-alive connections, each sending pre-serialized batches back to back (or paced to a target
/// rate): warm-up first, then a measured window. Per request the generator only copies a body and
/// stamps new message ids into it. Latency is measured from the send (or, when paced, from the time
/// the request was due, so a stalled server cannot hide its queueing).
/// </summary>
/// <remarks>
/// Paced, the window holds the requests due in it: every one is sent, however late, and the window
/// lasts until the last of them is answered, so a server that falls behind shows it in both latency
/// and rate. Requests due during the warm-up that were not sent by the window's start are skipped:
/// otherwise a server still slow from starting (code not yet optimized by the JIT) carries that
/// queue into the window, which is what the warm-up exists to keep out.
/// A 503 with Retry-After (the collector pushing back) is honoured as the SDKs do: the connection waits that
/// long and sends the same body again; its latency counts from the first send. With an event budget the
/// run stops once that many events were sent (warm-up included), ending the window early.
/// </remarks>
internal sealed class LoadGenerator(Uri baseAddress, string writeKey, BatchBodies bodies, int connections, int? pacedEventsPerSecond, long? eventBudget = null)
{
    private static long _round;

    private long _budgetLeft = eventBudget ?? long.MaxValue;

    private readonly IReadOnlyList<BatchBody> _bodies = bodies.Bodies;
    private readonly double? _perConnectionRate = pacedEventsPerSecond / (double?)connections;

    private readonly AuthenticationHeaderValue _authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));

    /// <summary>A fresh 32-bit number for every body sent by any generator in this process.</summary>
    public static uint NextRound() => (uint)Interlocked.Increment(ref _round);

    public async Task<LoadResult> RunAsync(TimeSpan warmup, TimeSpan measured, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[connections];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Worker(this, http, i * _bodies.Count / connections, started, measureFrom, measureTo);
        }

        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(cancellationToken), cancellationToken)));

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var atBudget = Volatile.Read(ref _budgetLeft) < 0;
        var lastAnswered = workers.Max(w => w.LastAnswered);
        var windowEnd = atBudget ? Math.Max(measureFrom, lastAnswered) : Math.Max(measureTo, lastAnswered);
        return new LoadResult(
            (double)(windowEnd - measureFrom) / Stopwatch.Frequency,
            workers.Sum(w => w.Requests),
            workers.Sum(w => w.Events),
            workers.Sum(w => w.Errors),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            latencies,
            workers.Sum(w => w.AllEvents))
        {
            PushedBack = workers.Sum(w => w.PushedBack),
            StoppedAtBudget = atBudget,
        };
    }

    /// <summary>Takes <paramref name="events"/> from the budget; false once it is spent (the run stops).</summary>
    private bool Reserve(int events) => Interlocked.Add(ref _budgetLeft, -events) >= 0;

    private sealed class Worker(LoadGenerator owner, HttpClient http, int firstBody, long started, long measureFrom, long measureTo)
    {
        public List<double> Latencies { get; } = new(64 * 1024);

        public long Requests { get; private set; }

        public long Events { get; private set; }

        /// <summary>Accepted events including the warm-up: what must become queryable.</summary>
        public long AllEvents { get; private set; }

        public long Errors { get; private set; }

        /// <summary>503s with Retry-After this connection waited out before sending the body again.</summary>
        public long PushedBack { get; private set; }

        public string? FirstError { get; private set; }

        /// <summary>When the last measured request was answered (Stopwatch ticks).</summary>
        public long LastAnswered { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var list = owner._bodies;
            var buffer = new byte[list.Max(b => b.Json.Length)];
            var perConnectionRate = owner._perConnectionRate;
            var paced = perConnectionRate is not null;
            var due = started;
            for (var i = firstBody; !cancellationToken.IsCancellationRequested; i++)
            {
                var body = list[i % list.Count];
                if (paced)
                {
                    if (due < measureFrom && Stopwatch.GetTimestamp() >= measureFrom)
                    {
                        due = measureFrom;
                    }

                    if (due >= measureTo)
                    {
                        return;
                    }

                    await WaitUntilAsync(due, cancellationToken);
                }

                var sent = Stopwatch.GetTimestamp();
                if ((!paced && sent >= measureTo) || !owner.Reserve(body.Events))
                {
                    return;
                }

                body.StampInto(buffer, NextRound());
                var ok = await SendAsync(buffer, body.Json.Length, cancellationToken);
                var done = Stopwatch.GetTimestamp();
                var from = paced ? due : sent;
                if (ok)
                {
                    AllEvents += body.Events;
                }

                var measured = paced ? due >= measureFrom : done >= measureFrom && done < measureTo;
                if (measured)
                {
                    Requests++;
                    LastAnswered = done;
                    if (ok)
                    {
                        Events += body.Events;
                        Latencies.Add((done - from) * 1000.0 / Stopwatch.Frequency);
                    }
                }

                if (perConnectionRate is { } rate)
                {
                    due += (long)(body.Events / rate * Stopwatch.Frequency);
                }
            }
        }

        private async Task<bool> SendAsync(byte[] buffer, int length, CancellationToken cancellationToken)
        {
            while (true)
            {
                var (ok, retryAfter) = await SendOnceAsync(buffer, length, cancellationToken);
                if (retryAfter is not { } wait)
                {
                    return ok;
                }

                PushedBack++;
                await Task.Delay(wait, cancellationToken);
            }
        }

        /// <summary>Whether the collector accepted the body, or how long it asked to wait before sending it again.</summary>
        private async Task<(bool Ok, TimeSpan? RetryAfter)> SendOnceAsync(byte[] buffer, int length, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/batch") { Content = new ByteArrayContent(buffer, 0, length) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = owner._authorization;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (true, null);
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait)
                {
                    return (false, wait);
                }

                Errors++;
                FirstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e)
            {
                Errors++;
                FirstError ??= e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                Errors++;
                FirstError ??= "timeout: " + e.Message;
            }

            return (false, null);
        }

        private static async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
        {
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }
        }
    }
}
