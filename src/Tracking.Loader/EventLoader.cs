using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Erasure;
using Tracking.EventLog;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.Loader;

/// <summary>
/// Consumes the event log into ClickHouse: batches per partition by size and time, records the batch
/// range, inserts it with a deduplication token derived from that range, and only then commits the
/// offsets. A crash at any point replays the same range with the same token: at-least-once through the
/// log, exactly once in ClickHouse. Of the copies of a message (client resends) only the first is stored
/// (<see cref="StoredMessageIds"/>), and rows of a person erased are never stored (<see cref="ErasedIds"/>).
/// <para>
/// A batch holds records of one version (an insert names one set of columns): a record of another version
/// than the batch's ends the batch. A record newer than this loader reads stops its partition right before
/// it, uncommitted, until a loader that reads it takes over.
/// </para>
/// </summary>
public sealed partial class EventLoader(
    IEventLogReader reader,
    EventInserter inserter,
    LoaderCheckpoints checkpoints,
    StoredMessageIds storedIds,
    ErasedIds erasedIds,
    IDeadLetterSink deadLetters,
    IOptions<LoaderOptions> options,
    LoaderMetrics metrics,
    TimeProvider clock,
    ILogger<EventLoader> logger,
    LogBacklog? backlog = null) : BackgroundService
{
    private static readonly TimeSpan BacklogRecheck = TimeSpan.FromMilliseconds(100);

    private readonly LoaderOptions _options = options.Value;
    private readonly Dictionary<int, PartitionBatch> _batches = [];
    private readonly Dictionary<int, long> _replayEnds = [];
    private readonly HashSet<int> _partitions = [];
    private readonly HashSet<int> _held = [];
    private readonly EventBlockPool _blocks = new();
    private ResiliencePipeline? _retry;
    private long _lastProgressTicks;
    private string? _lastError;

    // The held partitions as other threads read them (health checks, metrics); written by the loader only.
    private volatile int[] _heldSnapshot = [];

    /// <summary>True once recovery finished and the loader is consuming.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>
    /// What keeps the loader from keeping up, in words, or null: a partition stopped at a record newer than it
    /// reads, or rows held without any loaded for longer than <see cref="LoaderOptions.StallAfter"/> (with the
    /// last error ClickHouse gave). Safe to call from any thread.
    /// </summary>
    public string? Problem(DateTimeOffset now)
    {
        if (_heldSnapshot is { Length: > 0 } held)
        {
            return $"partition {string.Join(", ", held)} stopped at a record of a newer event record version: upgrade the loader";
        }

        var idle = now - new DateTimeOffset(Interlocked.Read(ref _lastProgressTicks), TimeSpan.Zero);
        var pending = metrics.PendingRows;
        return IsRunning && pending > 0 && idle > _options.StallAfter
            ? $"{pending} rows read but nothing loaded for {idle.TotalSeconds:0} s" + (Volatile.Read(ref _lastError) is { } error ? $"; last error: {error}" : string.Empty)
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _retry = BuildRetry();
        MarkProgress();
        metrics.ObserveLag(() => reader.AssignedPartitions.Select(p => (p, reader.GetLag(p))));
        metrics.ObserveStall(() => Problem(clock.GetUtcNow()) is not null);
        metrics.ObserveHeld(() => _heldSnapshot.Length);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (ObjectDisposedException e)
            {
                // The log or ClickHouse client was closed under the loader: the host is going away (a failed
                // start disposes services without stopping them first). Nothing is left to do or to flush.
                IsRunning = false;
                LogClosedUnderneath(logger, e.ObjectName);
                return;
            }
            catch (Exception e)
            {
                // Nothing uncommitted is lost by starting over from the committed offsets; a dead loader would stall the pipeline.
                IsRunning = false;
                LogRestart(logger, e);
                await StartOverAsync(stoppingToken);
            }
        }

        IsRunning = false;
        await FlushAllOnShutdownAsync();
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await FollowAssignmentAsync(stoppingToken);
        IsRunning = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var messages = await reader.ReadAsync(_options.BatchSize, TimeUntilNextFlush(), stoppingToken);
            if (messages.Count == 0 && _batches.Count == 0)
            {
                MarkProgress(); // caught up: nothing waits
            }

            await FollowAssignmentAsync(stoppingToken);
            foreach (var message in messages)
            {
                await AddAsync(message, stoppingToken);
            }

            await FlushOverBudgetAsync(stoppingToken);
            await FlushDueAsync(stoppingToken);
        }
    }

    /// <summary>Drops what is held and rewinds every partition to its committed offset, as a restart would.</summary>
    private async Task StartOverAsync(CancellationToken stoppingToken)
    {
        foreach (var batch in _batches.Values)
        {
            metrics.AddPending(-batch.Count);
            _blocks.Return(batch.Block);
        }

        _batches.Clear();
        _replayEnds.Clear();
        Release(_held.ToList());
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            foreach (var partition in _partitions)
            {
                reader.Seek(partition, await reader.GetCommittedOffsetAsync(partition, stoppingToken));
            }

            _partitions.Clear();
        }
        catch (ObjectDisposedException)
        {
            // Closed under the loader: its next read meets the same and ends it (ExecuteAsync).
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRestart(logger, e);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Graceful stop: what was read is loaded now rather than re-read at the next start.</summary>
    private async Task FlushAllOnShutdownAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        foreach (var batch in _batches.Values.ToList())
        {
            try
            {
                await FlushAsync(batch, shutdown.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or PartitionNotAssignedException or EventLogUnavailableException)
            {
                LogShutdownFlushSkipped(logger, batch.Partition, batch.Count);
            }
        }
    }

    /// <summary>
    /// Keeps up with partition assignment (a consumer-group rebalance): batches of partitions taken away are
    /// dropped uncommitted (their new owner re-reads them), and for every partition gained the loader looks
    /// for a batch recorded but not committed before, to replay it exactly.
    /// </summary>
    private async Task FollowAssignmentAsync(CancellationToken cancellationToken)
    {
        var assigned = reader.AssignedPartitions;
        foreach (var revoked in _partitions.Where(p => !assigned.Contains(p)).ToList())
        {
            _partitions.Remove(revoked);
            _replayEnds.Remove(revoked);
            Release([revoked]);
            if (_batches.Remove(revoked, out var dropped))
            {
                metrics.AddPending(-dropped.Count);
                _blocks.Return(dropped.Block);
            }

            LogRevoked(logger, revoked);
        }

        foreach (var partition in assigned.Where(p => !_partitions.Contains(p)).ToList())
        {
            _partitions.Add(partition);
            var committed = await reader.GetCommittedOffsetAsync(partition, cancellationToken);
            var intent = await _retry!.ExecuteAsync(
                async ct => await checkpoints.GetAsync(_options.ConsumerGroup, _options.LogName, partition, ct),
                cancellationToken);
            if (intent is { } range && range.End > committed && range.Start == committed)
            {
                _replayEnds[partition] = range.End;
                LogReplay(logger, partition, range.Start, range.End);
            }
        }
    }

    private async Task AddAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        if (_held.Contains(message.Partition))
        {
            return;
        }

        var shape = EventRecord.Inspect(message.Value.Span, _options.NewestRecordVersion, out _, out var layout, out var error);
        if (shape == RecordShape.Newer)
        {
            await HoldAsync(message, cancellationToken);
            return;
        }

        var batch = await BatchForAsync(message, layout, cancellationToken);
        if (shape == RecordShape.Row)
        {
            // The row is the record after its version byte (a span cannot be held across the await above).
            batch.Add(message.Value.Span[1..], message.Offset, message.NextOffset);
            metrics.AddPending(1);
        }
        else
        {
            await SetAsideAsync(message, error!, cancellationToken);
            batch.Skip(message.NextOffset);
        }

        var full = batch.Count >= _options.BatchSize || batch.Block.Bytes >= _options.MaxBatchBytes;
        if (batch.ReplayEnd is null ? full : batch.ReachedReplayEnd)
        {
            await FlushAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// The open batch of the message's partition, or a new one. A record of another version than the rows
    /// held ends the batch first. <paramref name="layout"/> is null for an unreadable record, which any batch takes.
    /// </summary>
    private async Task<PartitionBatch> BatchForAsync(ConsumedMessage message, RecordLayout? layout, CancellationToken cancellationToken)
    {
        if (_batches.TryGetValue(message.Partition, out var open))
        {
            if (layout is null || layout == open.Block.Layout)
            {
                return open;
            }

            await FlushAsync(open, cancellationToken);
        }

        long? replayEnd = _replayEnds.Remove(message.Partition, out var end) && end > message.Offset ? end : null;
        var batch = new PartitionBatch(message.Partition, message.Offset, replayEnd, clock.GetUtcNow(), _blocks.Rent(layout ?? EventSchema.Current));
        _batches[message.Partition] = batch;
        return batch;
    }

    /// <summary>
    /// Stops the partition right before a record only a newer loader reads: what came before it is loaded
    /// and committed, the record and everything after it stay in the log for that loader. Never dead letters:
    /// the record is valid, this loader is old (a newer collector is ahead of it in a rolling upgrade).
    /// </summary>
    private async Task HoldAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        if (_batches.TryGetValue(message.Partition, out var open))
        {
            await FlushAsync(open, cancellationToken);
        }

        _held.Add(message.Partition);
        PublishHeld();
        LogHeld(logger, message.Partition, message.Offset, message.Value.Span[0], _options.NewestRecordVersion);
    }

    private void Release(IReadOnlyList<int> partitions)
    {
        foreach (var partition in partitions)
        {
            _held.Remove(partition);
        }

        PublishHeld();
    }

    private void PublishHeld() => _heldSnapshot = [.. _held.Order()];

    private void MarkProgress()
    {
        Interlocked.Exchange(ref _lastProgressTicks, clock.GetUtcNow().UtcTicks);
        Volatile.Write(ref _lastError, null);
    }

    /// <summary>A record ClickHouse could never parse goes to the dead letters, so it cannot block the rows after it.</summary>
    private async Task SetAsideAsync(ConsumedMessage message, string error, CancellationToken cancellationToken)
    {
        // The message memory is only valid until the next read; the sink gets its own copy.
        var record = message.Value.ToArray();
        await _retry!.ExecuteAsync(
            async ct => await deadLetters.WriteAsync(message.Partition, message.Offset, record, error, ct),
            cancellationToken);
        metrics.Poison.Add(1);
        LogUnreadable(logger, message.Partition, message.Offset, error);
    }

    private async Task FlushDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var batch in _batches.Values.Where(b => b.ReplayEnd is null && IsDue(b, now)).ToList())
        {
            await FlushAsync(batch, cancellationToken);
        }
    }

    /// <summary>A partial batch is due after the flush interval, or after the backlog interval while its partition has more to read.</summary>
    private bool IsDue(PartitionBatch batch, DateTimeOffset now)
    {
        var age = now - batch.OpenedAt;
        return age >= _options.BacklogFlushInterval || (age >= _options.FlushInterval && reader.GetLag(batch.Partition) is null or 0);
    }

    /// <summary>Many partitions each filling a batch through a backlog must not hold more memory than the budget.</summary>
    private async Task FlushOverBudgetAsync(CancellationToken cancellationToken)
    {
        while (_batches.Values.Sum(b => b.Block.Bytes) > _options.MaxPendingBytes
            && _batches.Values.Where(b => b.ReplayEnd is null).MaxBy(b => b.Block.Bytes) is { } largest)
        {
            await FlushAsync(largest, cancellationToken);
        }
    }

    private TimeSpan TimeUntilNextFlush()
    {
        if (_batches.Count == 0)
        {
            return _options.FlushInterval;
        }

        var oldest = _batches.Values.Min(b => b.OpenedAt);
        var wait = oldest + _options.FlushInterval - clock.GetUtcNow();

        // Past the interval only batches held for a backlog remain: look again soon, as the backlog may end.
        return wait > TimeSpan.Zero ? wait : BacklogRecheck;
    }

    private async Task FlushAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        using var activity = LoaderMetrics.ActivitySource.StartActivity("loader.flush");
        activity?.SetTag("log.partition", batch.Partition);
        activity?.SetTag("batch.rows", batch.Count);
        var group = _options.ConsumerGroup;
        var log = _options.LogName;
        if (batch.ReplayEnd is null)
        {
            await _retry!.ExecuteAsync(
                async ct => await checkpoints.SaveAsync(group, log, batch.Partition, batch.StartOffset, batch.NextOffset, ct),
                cancellationToken);
        }

        var (setAside, copies, erased) = (0, 0, 0);
        if (batch.Count > 0)
        {
            var started = Stopwatch.GetTimestamp();
            (setAside, copies, erased) = await InsertFirstCopiesAsync(batch, batch.DeduplicationToken(group, log), cancellationToken);
            metrics.InsertDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        _batches.Remove(batch.Partition);
        _blocks.Return(batch.Block);
        metrics.AddPending(-batch.Count);
        try
        {
            await _retry!.ExecuteAsync(async ct => await reader.CommitAsync(batch.Partition, batch.NextOffset, ct), cancellationToken);
        }
        catch (PartitionNotAssignedException)
        {
            // Inserted but not committed: the partition's new owner replays this range with the same token.
            LogRevoked(logger, batch.Partition);
            return;
        }

        MarkProgress();
        backlog?.AddLoaded(batch.Count);
        metrics.Loaded.Add(batch.Count - setAside - copies - erased);
        metrics.Copies.Add(copies);
        metrics.Batches.Record(batch.Count);
        LogFlushed(logger, batch.Count, batch.Partition, batch.StartOffset, batch.NextOffset);
    }

    /// <summary>
    /// Inserts the rows of the batch that are the first copy of their message, then records their ids. In
    /// this order a crash never loses a row: a replay finds the ids unrecorded, inserts the same rows with
    /// the same token (dropped by ClickHouse as a repeat) and records them; once recorded, a replay finds
    /// every row a copy. Rows set aside in the dead letters are recorded too: a resend of one is a copy.
    /// </summary>
    /// <returns>The rows set aside in the dead letters, the copies dropped and the rows of erased people dropped.</returns>
    private async Task<(int SetAside, int Copies, int Erased)> InsertFirstCopiesAsync(PartitionBatch batch, string token, CancellationToken cancellationToken)
    {
        using var erasing = await _retry!.ExecuteAsync(async ct => await erasedIds.EnterBatchAsync(ct), cancellationToken);
        var copies = await _retry!.ExecuteAsync(async ct => await storedIds.FindCopiesAsync(batch.Block, ct), cancellationToken);
        var dropped = WithErasedRows(batch.Block, copies);
        if (dropped.Count == 0)
        {
            return (await InsertAndRecordAsync(batch.Partition, batch.Block, token, cancellationToken), 0, 0);
        }

        LogCopies(logger, copies.Count, dropped.Count - copies.Count, batch.Partition);
        using var firsts = new EventBlock(initialColumnBytes: 1024);
        firsts.Reset(batch.Block.Layout);
        batch.Block.CopyRowsExcept(firsts, dropped);
        var setAside = firsts.Rows > 0 ? await InsertAndRecordAsync(batch.Partition, firsts, token, cancellationToken) : 0;
        return (setAside, copies.Count, dropped.Count - copies.Count);
    }

    /// <summary>The copies and the rows of erased people together, ascending: the rows not to store.</summary>
    private IReadOnlyList<int> WithErasedRows(EventBlock block, IReadOnlyList<int> copies)
    {
        var erased = new List<int>();
        erasedIds.FindErasedRows(block, erased);
        return erased.Count == 0 ? copies : copies.Union(erased).Order().ToList();
    }

    private async Task<int> InsertAndRecordAsync(int partition, EventBlock block, string token, CancellationToken cancellationToken)
    {
        var setAside = await InsertAsync(partition, block, token, cancellationToken);
        await _retry!.ExecuteAsync(async ct => await storedIds.RecordAsync(block, ct), cancellationToken);
        return setAside;
    }

    /// <summary>
    /// Inserts a block, retrying while ClickHouse is away. A refusal retrying cannot fix (see
    /// <see cref="InsertRefusals"/>) splits the block in halves, each inserted the same way, down to the single
    /// rows ClickHouse refuses, which go to the dead letters with its reason: one bad row, or a batch whose
    /// rows span too many partitions, never stalls the partition. Each piece's token derives from the batch's,
    /// so a replay after a crash splits alike and ClickHouse drops the pieces already stored.
    /// </summary>
    /// <returns>The rows set aside in the dead letters.</returns>
    private async Task<int> InsertAsync(int partition, EventBlock block, string token, CancellationToken cancellationToken)
    {
        try
        {
            await _retry!.ExecuteAsync(async ct => await inserter.InsertAsync(block, token, ct), cancellationToken);
            return 0;
        }
        catch (Exception e) when (InsertRefusals.IsPermanent(e))
        {
            metrics.Split.Add(1);
            LogRefused(logger, block.Rows, partition, e.Message);
            if (block.Rows == 1)
            {
                await SetAsideRowAsync(partition, block, e.Message, cancellationToken);
                return 1;
            }
        }

        var half = block.Rows / 2;
        var setAside = 0;
        foreach (var (start, count) in new[] { (0, half), (half, block.Rows - half) })
        {
            using var piece = new EventBlock(initialColumnBytes: 1024);
            piece.Reset(block.Layout);
            block.CopyRowsTo(piece, start, count);
            setAside += await InsertAsync(partition, piece, $"{token}/{start}+{count}", cancellationToken);
        }

        return setAside;
    }

    /// <summary>A row ClickHouse refuses on its own, as a record again, in the dead letters at its log offset.</summary>
    private async Task SetAsideRowAsync(int partition, EventBlock block, string error, CancellationToken cancellationToken)
    {
        var record = new byte[] { block.Layout.Version }.Concat(block.RowAt(0)).ToArray();
        var offset = block.TagOf(0);
        await _retry!.ExecuteAsync(async ct => await deadLetters.WriteAsync(partition, offset, record, error, ct), cancellationToken);
        metrics.Poison.Add(1);
        LogUnreadable(logger, partition, offset, error);
    }

    /// <summary>ClickHouse being away is temporary from the loader's view: wait and retry, never drop.</summary>
    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (OperationCanceledException or PartitionNotAssignedException) && !InsertRefusals.IsPermanent(e)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(10),
            OnRetry = args =>
            {
                metrics.Retries.Add(1);
                Volatile.Write(ref _lastError, args.Outcome.Exception?.Message);
                LogRetry(logger, args.AttemptNumber, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    [LoggerMessage(Level = LogLevel.Error, Message = "Loader failed; starting over from the committed offsets")]
    private static partial void LogRestart(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Rows} rows from partition {Partition}, offsets {Start}..{End}")]
    private static partial void LogFlushed(ILogger logger, int rows, int partition, long start, long end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loader stopped: {Closed} was closed while it ran; unloaded rows stay in the log for the next start")]
    private static partial void LogClosedUnderneath(ILogger logger, string closed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying unfinished batch of partition {Partition}, offsets {Start}..{End}")]
    private static partial void LogReplay(ILogger logger, int partition, long start, long end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ClickHouse call failed (attempt {Attempt}), retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} was revoked; its unloaded rows are left to its new owner")]
    private static partial void LogRevoked(ILogger logger, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ClickHouse refused an insert of {Rows} rows from partition {Partition} for a reason retrying cannot fix; inserting it in smaller pieces: {Error}")]
    private static partial void LogRefused(ILogger logger, int rows, int partition, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable record at partition {Partition} offset {Offset} sent to the dead letters: {Error}")]
    private static partial void LogUnreadable(ILogger logger, int partition, long offset, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {Partition} stopped at offset {Offset}: its record is of event record version {Version}, newer than this loader reads (up to {Newest}). Upgrade the loader; nothing is lost, the partition resumes from this offset when a loader that reads version {Version} runs")]
    private static partial void LogHeld(ILogger logger, int partition, long offset, byte version, byte newest);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Copies} copies of messages already stored and {Erased} rows of erased people from a batch of partition {Partition}")]
    private static partial void LogCopies(ILogger logger, int copies, int erased, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Rows} rows of partition {Partition} left for the next start")]
    private static partial void LogShutdownFlushSkipped(ILogger logger, int partition, int rows);
}
