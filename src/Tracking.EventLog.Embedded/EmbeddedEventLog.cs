using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// The single-node event log: one partition (0) in a FasterLog on local disk. <see cref="AppendAsync"/>
/// completes once the messages are committed (written with O_SYNC and covered by a record in <see cref="CommitRecordFile"/>), so
/// they survive a kill -9 right after. Offsets are FasterLog logical addresses: increasing, not dense.
/// </summary>
/// <remarks>
/// Concurrent appends share commits (see <see cref="GroupCommitter"/>). Dispose the readers before the
/// log. The message key is not stored: with a single partition every message is in one total order,
/// which preserves the per-key order the key exists for.
/// </remarks>
public sealed class EmbeddedEventLog : IEventLogWriter, IAsyncDisposable
{
    // How long appends are refused after a write failed before the files are opened again: the disk gets a
    // moment to gain space, and a full disk costs one failing commit a second, not one per request.
    private static readonly TimeSpan ReopenDelay = TimeSpan.FromSeconds(1);

    private readonly ILogger<EmbeddedEventLog> _logger;
    private readonly EmbeddedEventLogOptions _options;
    private readonly ConsumerOffsetStore _offsets;
    private readonly long _maxRetainedBytes;
    private readonly int _maxMessageBytes;
    private readonly long _segmentSizeBytes;
    private readonly string _logDirectory;
    private readonly string _segmentBasePath;
    private readonly Lock _readersLock = new();
    private readonly Dictionary<string, EmbeddedEventLogReader> _readers = new(StringComparer.Ordinal);

    // One appender enqueues at a time. FasterLog lets threads that hit a page turn spin (Thread.Yield) until
    // the thread turning the page finishes; with dozens of concurrent requests on two cores the spinners starved
    // that thread and the collector collapsed to ~1-3k events/s (profile: 78% of host CPU in
    // AllocatorBase.TryAllocateRetryNow). Enqueueing is a memory copy, so a queue of async waiters costs little.
    private readonly SemaphoreSlim _enqueueGate = new(1, 1);
    private volatile LogGeneration _generation;
    private Task _reopening = Task.CompletedTask;
    private long _unavailableSince;
    private int _activeAppends;
    private int _disposed;

    /// <summary>Opens the log in <see cref="EmbeddedEventLogOptions.Directory"/>, recovering whatever was committed there.</summary>
    public EmbeddedEventLog(EmbeddedEventLogOptions options, ILogger<EmbeddedEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _logger = logger;
        _options = options;
        _maxRetainedBytes = options.MaxRetainedBytes;
        _maxMessageBytes = (int)options.PageSizeBytes - LogRecords.HeaderBytes;

        PageSizeBytes = options.PageSizeBytes;
        _segmentSizeBytes = options.SegmentSizeBytes;
        var root = Path.GetFullPath(options.Directory);
        _logDirectory = Path.Combine(root, "log");
        Directory.CreateDirectory(_logDirectory);
        _segmentBasePath = Path.Combine(_logDirectory, "events");
        try
        {
            _generation = new LogGeneration(_logDirectory, _segmentBasePath, options, logger);
            _offsets = new ConsumerOffsetStore(Path.Combine(root, "consumer-offsets"));
        }
        catch (Exception ex)
        {
            Log.OpenFailed(logger, root, ex);
            if (_generation is not null)
            {
                _generation.CloseAsync(commit: false, logger).AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        Log.Opened(logger, root, _generation.Log.BeginAddress, _generation.Log.CommittedUntilAddress, _offsets.Count);
    }

    /// <summary>True until the log is disposed: appends may succeed.</summary>
    public bool IsOpen => Volatile.Read(ref _disposed) == 0;

    internal long PageSizeBytes { get; }

    /// <summary>False while a write failed and appends are refused until the log's files are reopened.</summary>
    public bool IsWritable => Volatile.Read(ref _unavailableSince) == 0;

    /// <summary>First retained offset (after truncation).</summary>
    internal long BeginOffset => _generation.Log.BeginAddress;

    /// <summary>Offset after the last durable message: the next message will get this offset or a larger one.</summary>
    internal long CommittedEndOffset => _generation.Log.CommittedUntilAddress;

    /// <summary>The current opening's FasterLog; a new one after a failed write.</summary>
    internal FasterLog FasterLog => _generation.Log;

    internal ILogger Logger => _logger;

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        ValidateSizes(messages);
        if (messages.Count == 0)
        {
            return;
        }

        long lastAddress;
        var generation = _generation;
        Interlocked.Increment(ref _activeAppends);
        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Shutting down is a "not now" for the caller (HTTP 503, retry), not a programming error.
                throw new EventLogUnavailableException("The embedded event log is closed.", new ObjectDisposedException(nameof(EmbeddedEventLog)));
            }

            if (generation.Faulted || generation.WriteFailed)
            {
                Fault(generation, null);
                throw new EventLogUnavailableException("The embedded event log cannot write (is the disk full?); it retries by itself.");
            }

            lastAddress = await EnqueueAsync(generation.Log, messages, cancellationToken);
        }
        catch (FasterException ex)
        {
            Fault(generation, ex);
            throw new EventLogUnavailableException("The embedded event log cannot accept messages: " + ex.Message, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _activeAppends);
        }

        generation.Committer.RequestCommit();
        try
        {
            // Committed past the start of our last record means all our records are in: commits cover whole records.
            // Only the address counts (commit number 0): a later commit failing must not refuse records an
            // earlier one made durable, or the client's retry would store them twice.
            // Not cancellable: the records are in the log whatever the caller does now, and the commit is
            // milliseconds away. With a token FasterLog waits through Task.WhenAny and a registration,
            // objects and a thread hop per request for nothing.
            await generation.Log.WaitForCommitAsync(lastAddress + 1, 0, CancellationToken.None);
        }
        catch (Exception ex) when (ex is FasterException or ObjectDisposedException)
        {
            // No commit record is written after a failed write (CommitRecordFile), so a commit that covers
            // the records was written before the failure, and they are on disk.
            Fault(generation, ex);
            if (generation.Log.CommittedUntilAddress <= lastAddress)
            {
                throw new EventLogUnavailableException("The embedded event log could not make messages durable: " + ex.Message, ex);
            }
        }

        if (!generation.Faulted && Volatile.Read(ref _unavailableSince) is var since and not 0
            && Interlocked.CompareExchange(ref _unavailableSince, 0, since) == since)
        {
            Log.WritesRecovered(_logger, TimeSpan.FromMilliseconds(Environment.TickCount64 - since).TotalSeconds);
        }
    }

    /// <summary>
    /// A reader for <paramref name="consumerGroup"/>, positioned at the group's committed offset. A new
    /// group starts at the oldest retained message and is registered durably at once, so retention keeps
    /// its data. One open reader per group: with one partition there is nothing to share out.
    /// </summary>
    public IEventLogReader CreateReader(string consumerGroup)
    {
        ConsumerOffsetStore.ValidateGroup(consumerGroup);
        lock (_readersLock)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_readers.ContainsKey(consumerGroup))
            {
                throw new InvalidOperationException($"Consumer group '{consumerGroup}' already has an open reader.");
            }

            var committed = _offsets.GetOrCreate(consumerGroup, BeginOffset);
            var reader = new EmbeddedEventLogReader(this, consumerGroup, committed);
            _readers.Add(consumerGroup, reader);
            return reader;
        }
    }

    /// <summary>Commits and closes the log; open readers are closed too.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Appends that got past the disposed check finish enqueueing (only a full memory buffer makes
        // that wait, and flushing proceeds on its own); the final commit below then covers them.
        while (Volatile.Read(ref _activeAppends) != 0)
        {
            await Task.Delay(1);
        }

        Task reopening;
        lock (_readersLock)
        {
            reopening = _reopening;
        }

        await reopening;
        var generation = _generation;
        await generation.CloseAsync(commit: true, _logger);
        EmbeddedEventLogReader[] readers;
        lock (_readersLock)
        {
            readers = [.. _readers.Values];
            _readers.Clear();
        }

        foreach (var reader in readers)
        {
            reader.Close();
        }

        _enqueueGate.Dispose();
        Log.Closed(_logger, generation.Log.CommittedUntilAddress);
    }

    internal SegmentFiles OpenSegmentFiles() => new(_segmentBasePath, _segmentSizeBytes);

    internal bool TryGetCommittedOffset(string group, out long offset) => _offsets.TryGet(group, out offset);

    /// <summary>Records a group's commit durably, then truncates what no group and no replay window needs.</summary>
    internal async ValueTask CommitOffsetAsync(string group, long nextOffset, CancellationToken cancellationToken)
    {
        await _offsets.SetAsync(group, nextOffset, cancellationToken);
        Log.OffsetCommitted(_logger, group, nextOffset);
        if (_offsets.Minimum() is not { } minCommitted)
        {
            return;
        }

        var log = _generation.Log;
        var tail = log.CommittedUntilAddress;
        var until = Retention.TruncateUntil(minCommitted, tail, _maxRetainedBytes);
        var before = log.BeginAddress;
        try
        {
            // Page starts are always record boundaries; the committed offsets themselves are too, but the
            // retention window's edge is not.
            log.TruncateUntilPageStart(until);
            if (log.BeginAddress > before)
            {
                // The new begin address and the deletion of whole segments below it take effect with a commit.
                await log.CommitAsync(cancellationToken);
                Log.Truncated(_logger, log.BeginAddress, minCommitted, tail);
            }
        }
        catch (Exception ex) when (ex is FasterException or ObjectDisposedException)
        {
            // The offset is stored; truncation is only space, and the next commit after reopening does it.
            Log.TruncationSkipped(_logger, ex.Message);
        }
    }

    internal void OnReaderClosed(string group, EmbeddedEventLogReader reader)
    {
        lock (_readersLock)
        {
            if (_readers.TryGetValue(group, out var current) && ReferenceEquals(current, reader))
            {
                _readers.Remove(group);
            }
        }
    }

    /// <summary>
    /// Stops appends to <paramref name="generation"/> and, for the first caller, reopens the files after
    /// <see cref="ReopenDelay"/>. Logged once per episode: when writing stops and when an append succeeds again.
    /// </summary>
    private void Fault(LogGeneration generation, Exception? cause)
    {
        if (!generation.TryFault())
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _unavailableSince, Math.Max(1, Environment.TickCount64), 0) == 0)
        {
            Log.WritesFailing(_logger, ReopenDelay.TotalSeconds, cause);
        }

        lock (_readersLock)
        {
            _reopening = ReopenAsync(generation);
        }
    }

    private async Task ReopenAsync(LogGeneration failed)
    {
        await Task.Delay(ReopenDelay);

        // Appends that got past the check finish enqueueing (a failed log refuses them quickly) before its memory goes.
        while (Volatile.Read(ref _activeAppends) != 0)
        {
            await Task.Delay(1);
        }

        await failed.CloseAsync(commit: false, _logger);
        while (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _generation = new LogGeneration(_logDirectory, _segmentBasePath, _options, _logger);
                Log.Reopened(_logger, _generation.Log.CommittedUntilAddress);
                return;
            }
#pragma warning disable CA1031 // Whatever failed, appends stay refused and opening is tried again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ReopenFailed(_logger, ex);
                await Task.Delay(ReopenDelay);
            }
        }
    }

    private async ValueTask<long> EnqueueAsync(FasterLog log, IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        await _enqueueGate.WaitAsync(cancellationToken);
        try
        {
            long address = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                var value = messages[i].Value;

                // The common case copies straight into the log's memory; only a full buffer (disk behind) awaits.
                if (!log.TryEnqueue(value.Span, out address))
                {
                    address = await log.EnqueueAsync(value, cancellationToken);
                }
            }

            return address;
        }
        finally
        {
            _enqueueGate.Release();
        }
    }

    private void ValidateSizes(IReadOnlyList<LogMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var length = messages[i].Value.Length;

            // FasterLog reads a zero length as end-of-page padding, so an empty record would hide the rest of its page.
            if (length == 0 || length > _maxMessageBytes)
            {
                throw new ArgumentException(
                    $"Message {i} has {length} bytes; the embedded event log takes 1 to {_maxMessageBytes} bytes (PageSizeBytes - {LogRecords.HeaderBytes}).",
                    nameof(messages));
            }
        }
    }
}
