using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tracking.EventLog;

namespace Tracking.Collector;

/// <summary>
/// Push-back for freshness: when the loader runs in this process and the log's unloaded backlog exceeds
/// what the loader drains in <see cref="CollectorOptions.MaxBacklogSeconds"/> (or the fixed
/// <see cref="CollectorOptions.MaxBacklogEvents"/>), the collector answers 503 with Retry-After instead of
/// letting the backlog, and the time from acknowledgement to queryable, grow without bound. Clients retry
/// (the SDKs honour Retry-After), so nothing is lost; they wait in their own queues rather than in the log.
/// </summary>
/// <remarks>
/// The drain rate is measured once a second: the highest rate of the last <see cref="WindowSeconds"/>
/// seconds that ended with at least another second's work waiting (the loader was busy throughout, so the
/// rate is its capacity, not the inflow). Without such a second the seconds bound is off: a loader that
/// keeps up needs no bound, and one that loads nothing (the warehouse down) is what the durable log is
/// there to buffer for, which /readyz reports. A request reads one number when the bound is off, and the
/// backlog's two counters when it is on.
/// </remarks>
internal sealed class BacklogLimit(IOptions<CollectorOptions> options, TimeProvider clock, LogBacklog? backlog = null) : BackgroundService
{
    private const int WindowSeconds = 30;

    private readonly CollectorOptions _options = options.Value;
    private long _bound = Bound(options.Value, backlog is not null, drainRate: 0);
    private double _drainRate;

    /// <summary>Whether the backlog is over the bound now, with both for the answer.</summary>
    public bool IsExceeded(out long messages, out long bound)
    {
        bound = Volatile.Read(ref _bound);
        messages = bound == long.MaxValue || backlog is null ? 0 : backlog.Messages;
        return messages > bound;
    }

    /// <summary>Counts a request's appended events into the backlog.</summary>
    public void Appended(int messages) => backlog?.AddAppended(messages);

    /// <summary>Seconds until the loader, at its measured rate, has drained the backlog back to the bound (1–60).</summary>
    public int RetryAfterSeconds(long messages, long bound)
    {
        var rate = Volatile.Read(ref _drainRate);
        return rate > 0 ? (int)Math.Clamp(Math.Ceiling((messages - bound) / rate), 1, 60) : _options.RetryAfterSeconds;
    }

    /// <summary>The 503's message: how big the backlog is and which setting bounds it.</summary>
    public string Describe(long messages, long bound, int retryAfterSeconds)
    {
        var limit = _options.MaxBacklogEvents > 0
            ? "Collector:MaxBacklogEvents"
            : string.Create(CultureInfo.InvariantCulture, $"what the loader drains in Collector:MaxBacklogSeconds = {_options.MaxBacklogSeconds} s at {Volatile.Read(ref _drainRate):F0} events/s");
        return string.Create(CultureInfo.InvariantCulture, $"backlog: {messages} accepted events wait to be loaded, more than {bound} ({limit}); retry after {retryAfterSeconds} s");
    }

    /// <summary>Messages the backlog may hold; long.MaxValue when no bound applies.</summary>
    internal static long Bound(CollectorOptions options, bool loaderInProcess, double drainRate)
    {
        if (!loaderInProcess)
        {
            return long.MaxValue;
        }

        if (options.MaxBacklogEvents > 0)
        {
            return options.MaxBacklogEvents;
        }

        return options.MaxBacklogSeconds > 0 && drainRate > 0 ? Math.Max(options.MinBacklogEvents, (long)(options.MaxBacklogSeconds * drainRate)) : long.MaxValue;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (backlog is null || _options.MaxBacklogEvents > 0)
        {
            return; // nothing to measure: no loader here, or a fixed bound
        }

        var busyRates = new double[WindowSeconds];
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var (lastLoaded, lastAt) = (backlog.Loaded, clock.GetTimestamp());
        try
        {
            for (var second = 0; await timer.WaitForNextTickAsync(stoppingToken); second++)
            {
                var (loaded, now) = (backlog.Loaded, clock.GetTimestamp());
                var rate = (loaded - lastLoaded) / clock.GetElapsedTime(lastAt, now).TotalSeconds;
                busyRates[second % WindowSeconds] = rate > 0 && backlog.Messages >= rate ? rate : 0;
                (lastLoaded, lastAt) = (loaded, now);
                var drainRate = busyRates.Max();
                Volatile.Write(ref _drainRate, drainRate);
                Volatile.Write(ref _bound, Bound(_options, loaderInProcess: true, drainRate));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
