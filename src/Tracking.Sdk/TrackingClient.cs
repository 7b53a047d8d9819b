using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.Sdk.Batching;
using Tracking.Sdk.Buffering;
using Tracking.Sdk.Delivery;
using Tracking.Sdk.Diagnostics;
using Tracking.Sdk.KeyPaths;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk;

/// <summary>
/// The Tracking SDK client. Thread-safe; create one per application (or register it with
/// <c>services.AddTrackingClient</c>) and dispose it at shutdown so queued events are delivered.
/// </summary>
/// <remarks>
/// Calls put the event on a bounded in-memory queue and return; a background batcher serializes
/// and batches, and a sender posts gzipped batches to <c>/v1/batch</c> with retries. When the queue
/// is full, new events are dropped and counted (<see cref="DropReason.QueueFull"/>).
/// </remarks>
public sealed class TrackingClient : ITrackingClient, IAsyncDisposable, IDisposable
{
    private readonly Channel<QueueItem> _queue;
    private readonly KeyPathRegistry _keyPaths;
    private readonly bool _throwOnInvalid;
    private readonly int _capacity;
    private readonly TimeSpan _shutdownTimeout;
    private readonly SdkMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IOutbox _outbox;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _batcher;
    private readonly Task _delivery;
    private int _disposed;
    private int _queueFullLogged;

    /// <summary>Creates a client and starts its background sender.</summary>
    /// <param name="options">Endpoint, write key and tuning; validated here.</param>
    /// <param name="loggerFactory">Where logs go; none when null.</param>
    /// <param name="httpClient">The HTTP client to post with (for example from <c>IHttpClientFactory</c>); the client creates and owns one when null.</param>
    /// <param name="meterFactory">Creates the <c>Tracking.Sdk</c> meter; a standalone meter when null.</param>
    /// <param name="timeProvider">The clock (tests); the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (no endpoint, no write key, bad key paths...).</exception>
    public TrackingClient(TrackingOptions options, ILoggerFactory? loggerFactory = null, HttpClient? httpClient = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _keyPaths = new KeyPathRegistry(options.KeyPaths);
        _throwOnInvalid = options.ThrowOnInvalidEvents;
        _capacity = options.MaxQueueSize;
        _shutdownTimeout = options.ShutdownTimeout;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TrackingClient>();
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<QueueItem>(new BoundedChannelOptions(options.MaxQueueSize)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _metrics = new SdkMetrics(meterFactory, () => _queue.Reader.Count);
        _outbox = OpenOutbox(options);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var limits = new BatchLimits(Math.Min(options.MaxBatchSize, 500), Math.Min(options.MaxBatchBytes, 500_000));
        var batcher = new Batcher(_queue.Reader, _outbox, limits, options.FlushInterval, _metrics, _logger, _time);
        var sender = new BatchSender(_http, options, _metrics, _logger, _time);
        var delivery = new DeliveryLoop(_outbox, sender, _metrics, _logger);
        _batcher = Task.Run(() => batcher.RunAsync(_shutdown.Token));
        _delivery = Task.Run(() => delivery.RunAsync(_shutdown.Token));
    }

    /// <summary>The meter name of the SDK's metrics, for <c>AddMeter</c> in OpenTelemetry.</summary>
    public static string MeterName => SdkMetrics.MeterName;

    /// <inheritdoc />
    public bool Track(string eventName, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null)
    {
        if (string.IsNullOrEmpty(eventName))
        {
            return Invalid("Track needs an event name.", nameof(eventName));
        }

        if (visitor.UserId is null && visitor.AnonymousId is null)
        {
            return Invalid($"Event '{eventName}' needs a user id or an anonymous id.", nameof(visitor));
        }

        var now = Now(timestamp);
        return Enqueue(new TrackingEvent(EventType.Track, eventName, visitor, MessageIds.Next(now), now) { Properties = properties });
    }

    /// <inheritdoc />
    public bool Page(PageInfo page, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null)
    {
        if (page is null)
        {
            return Invalid("Page needs the page.", nameof(page));
        }

        if (visitor.UserId is null && visitor.AnonymousId is null)
        {
            return Invalid("Page events need a user id or an anonymous id.", nameof(visitor));
        }

        var now = Now(timestamp);
        return Enqueue(new TrackingEvent(EventType.Page, null, visitor, MessageIds.Next(now), now) { Properties = properties, Page = page });
    }

    /// <inheritdoc />
    public bool Identify(in Visitor visitor, IReadOnlyDictionary<string, object?>? traits = null, DateTimeOffset? timestamp = null)
    {
        if (visitor.UserId is null && visitor.AnonymousId is null)
        {
            return Invalid("Identify needs a user id or an anonymous id.", nameof(visitor));
        }

        var now = Now(timestamp);
        return Enqueue(new TrackingEvent(EventType.Identify, null, visitor, MessageIds.Next(now), now) { Traits = traits });
    }

    /// <inheritdoc />
    public bool Group(string groupId, in Visitor visitor, IReadOnlyDictionary<string, object?>? traits = null, DateTimeOffset? timestamp = null)
    {
        if (string.IsNullOrEmpty(groupId))
        {
            return Invalid("Group needs a group (account) id.", nameof(groupId));
        }

        if (visitor.UserId is null && visitor.AnonymousId is null)
        {
            return Invalid($"Group '{groupId}' needs a user id or an anonymous id.", nameof(visitor));
        }

        var now = Now(timestamp);
        return Enqueue(new TrackingEvent(EventType.Group, null, visitor, MessageIds.Next(now), now) { GroupId = groupId, Traits = traits });
    }

    /// <inheritdoc />
    public bool Lead(in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null) =>
        Track(TrackingEvents.Lead, visitor, properties, timestamp);

    /// <inheritdoc />
    public bool Step(string keyPath, string step, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null)
    {
        if (keyPath is null || step is null)
        {
            return Invalid("Step needs a key path and a step name.", keyPath is null ? nameof(keyPath) : nameof(step));
        }

        if (!_keyPaths.TryGetStep(keyPath, step, out var index, out var error))
        {
            return Invalid(error!, nameof(step));
        }

        if (visitor.UserId is null && visitor.AnonymousId is null)
        {
            return Invalid($"Step '{keyPath}/{step}' needs a user id or an anonymous id.", nameof(visitor));
        }

        var now = Now(timestamp);
        return Enqueue(new TrackingEvent(EventType.Track, step, visitor, MessageIds.Next(now), now)
        {
            Properties = properties,
            KeyPath = keyPath,
            StepIndex = index,
        });
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marker = new FlushMarker();
        try
        {
            await _queue.Writer.WriteAsync(marker, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Disposed: disposal drains.
            return;
        }

        try
        {
            await marker.Task.WaitAsync(cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Shutdown abandoned the flush: nothing more will be delivered.
        }
    }

    /// <inheritdoc />
    public TrackingStatistics GetStatistics() => _metrics.Snapshot();

    /// <summary>
    /// Stops accepting events and delivers what is queued, for at most <see cref="TrackingOptions.ShutdownTimeout"/>.
    /// What is still undelivered then is dropped (counted as <see cref="DropReason.Shutdown"/>), or stays in the
    /// disk buffer for the next start when <see cref="TrackingOptions.BufferDirectory"/> is set.
    /// </summary>
    /// <returns>A task completing when done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _shutdown.CancelAfter(_shutdownTimeout);
        await Task.WhenAll(_batcher, _delivery).ConfigureAwait(false);

        // Anything added after the delivery loop gave up (a race with cancellation) is accounted here.
        var left = _outbox.TakeRemaining();
        if (!_outbox.IsDurable)
        {
            _metrics.Dropped(DropReason.Shutdown, left.Sum(b => b.Count));
        }

        foreach (var marker in left.SelectMany(b => b.Markers ?? []))
        {
            marker.Abandon();
        }

        _outbox.Dispose();
        _shutdown.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        _metrics.Dispose();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>: blocks while draining. Prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Validate(TrackingOptions options)
    {
        if (options.Endpoint is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("TrackingOptions.Endpoint must be an absolute URI (the collector's base address).", nameof(options));
        }

        if (string.IsNullOrEmpty(options.WriteKey))
        {
            throw new ArgumentException("TrackingOptions.WriteKey is required.", nameof(options));
        }

        if (options.MaxQueueSize < 1 || options.MaxBatchSize < 1 || options.MaxBatchBytes < 1024 || options.MaxBufferBytes < 1)
        {
            throw new ArgumentException("TrackingOptions sizes must be positive (MaxBatchBytes at least 1024).", nameof(options));
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero || options.ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("TrackingOptions intervals must be positive.", nameof(options));
        }
    }

    private IOutbox OpenOutbox(TrackingOptions options)
    {
        if (options.BufferDirectory is not { Length: > 0 } directory)
        {
            return new MemoryOutbox();
        }

        try
        {
            var disk = DiskOutbox.Open(directory, options.MaxBufferBytes);
            if (disk.Recovered > 0)
            {
                Log.DiskBufferRecovered(_logger, directory, disk.Recovered);
            }

            return disk;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.DiskBufferUnavailable(_logger, directory, ex.Message);
            return new MemoryOutbox();
        }
    }

    private DateTime Now(DateTimeOffset? timestamp) => timestamp?.UtcDateTime ?? _time.GetUtcNow().UtcDateTime;

    private bool Enqueue(TrackingEvent e)
    {
        if (_queue.Writer.TryWrite(e))
        {
            _metrics.Queued();
            if (_queueFullLogged != 0)
            {
                Volatile.Write(ref _queueFullLogged, 0);
            }

            return true;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            _metrics.Dropped(DropReason.Shutdown);
            return false;
        }

        _metrics.Dropped(DropReason.QueueFull);
        if (Interlocked.Exchange(ref _queueFullLogged, 1) == 0)
        {
            Log.QueueFull(_logger, _capacity);
        }

        return false;
    }

    private bool Invalid(string message, string parameter)
    {
        if (_throwOnInvalid)
        {
            throw new ArgumentException(message, parameter);
        }

        Log.InvalidEvent(_logger, message);
        _metrics.Dropped(DropReason.Invalid);
        return false;
    }
}
