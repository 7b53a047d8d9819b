namespace Tracking.Sdk;

/// <summary>Configuration of a <see cref="TrackingClient"/>.</summary>
/// <remarks>
/// Bindable from configuration (for example the <c>Tracking</c> section of appsettings.json);
/// key paths bind from <c>Tracking:KeyPaths:onboarding:0 = signed_up</c> and so on.
/// </remarks>
public sealed class TrackingOptions
{
    /// <summary>The collector's base address, for example <c>https://collect.example.com/</c>. Events go to <c>{Endpoint}v1/batch</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The project's write key, sent as the HTTP Basic user name.</summary>
    public string WriteKey { get; set; } = "";

    /// <summary>
    /// How many events the in-memory queue holds before new events are dropped (counted as
    /// <see cref="DropReason.QueueFull"/>). Default 10,000.
    /// </summary>
    public int MaxQueueSize { get; set; } = 10_000;

    /// <summary>Most events in one request; the collector accepts at most 500. Default 500.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Most uncompressed bytes in one request body; the collector accepts at most 500 KB. Default 500,000.</summary>
    public int MaxBatchBytes { get; set; } = 500_000;

    /// <summary>How long the first event of a batch waits for more before the batch is sent. Default 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A folder for the on-disk buffer, or null (the default) to keep undelivered batches in memory only.
    /// With a folder, every batch is written there before it is sent and deleted once the collector
    /// has answered for it, so events survive an application restart while the collector is down.
    /// One client per folder: a second client finding the folder locked falls back to memory.
    /// </summary>
    public string? BufferDirectory { get; set; }

    /// <summary>Bound of the on-disk buffer in bytes. Default 64 MiB.</summary>
    public long MaxBufferBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Whether request bodies are gzipped. Default true.</summary>
    public bool Compress { get; set; } = true;

    /// <summary>Base delay of the exponential backoff (with jitter) between retries. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the exponential backoff. Default 30 seconds. Does not cap a collector's <c>Retry-After</c>.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cap on a collector's <c>Retry-After</c> (protects against absurd values). Default 10 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many times a batch is retried after HTTP 500, 502 or 504 before it is dropped
    /// (<see cref="DropReason.ServerError"/>). Connection failures, timeouts, 429 and 503 are retried
    /// without limit: they say the collector is away, not that the batch is bad. Default 8.
    /// </summary>
    public int MaxServerErrorRetries { get; set; } = 8;

    /// <summary>Timeout of one HTTP attempt. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="TrackingClient.DisposeAsync"/> keeps delivering what is queued. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Declared key paths: name → ordered step names. <see cref="TrackingClient.Step"/> accepts only these.
    /// </summary>
    public IDictionary<string, List<string>> KeyPaths { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

    /// <summary>
    /// What an invalid call does (no user or anonymous id, empty event name, undeclared key path or
    /// step): throw an <see cref="ArgumentException"/> (true, the default: mistakes surface during
    /// development) or log a warning and drop the event, counted as <see cref="DropReason.Invalid"/> (false).
    /// </summary>
    public bool ThrowOnInvalidEvents { get; set; } = true;

    /// <summary>Declares a key path (fluent helper for code configuration).</summary>
    /// <param name="name">The key path's name, for example <c>onboarding</c>.</param>
    /// <param name="steps">Its steps in order.</param>
    /// <returns>These options.</returns>
    public TrackingOptions AddKeyPath(string name, params string[] steps)
    {
        KeyPaths[name] = [.. steps];
        return this;
    }
}
