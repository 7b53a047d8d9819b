using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Tracking.EventLog;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// One member of a Kafka consumer group on the event topic. Offsets move only through
/// <see cref="CommitAsync"/>; a group without offsets starts at the earliest retained message.
/// </summary>
/// <remarks>
/// librdkafka's Consume blocks, so reads run on a dedicated thread that consumes only while a
/// <see cref="ReadAsync"/> is pending (or while a commit waits for a rebalance to finish); the caller
/// follows rebalances through <see cref="AssignedPartitions"/>. Like a Kafka consumer, an instance serves
/// one caller at a time.
/// </remarks>
public sealed class KafkaEventLogReader : IEventLogReader
{
    /// <summary>Longest single Consume call, so cancellation and disposal are noticed promptly.</summary>
    private static readonly int MaxConsumeSliceMs = 200;

    /// <summary>How long one round of taking part in a rebalance lasts before a commit is retried.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);

    private readonly IConsumer<Ignore, ReadOnlyMemory<byte>> _consumer;
    private readonly ValueArena _arena = new(1 << 20);
    private readonly string _topic;
    private readonly string _group;
    private readonly TimeSpan _operationTimeout;
    private readonly ILogger<KafkaEventLogReader> _logger;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guards the assignment and commits: a revocation waits for a commit in flight, and no commit for
    // a partition starts after its revocation finished.
    private readonly Lock _gate = new();
    private readonly HashSet<int> _assigned = [];
    private int[] _assignedSnapshot = [];

    // Consume-thread state: the batch being filled.
    private List<ConsumedMessage>? _batch;

    // The list every read fills and returns (valid until the next read), so a read allocates none.
    private readonly List<ConsumedMessage> _readBuffer = new(1024);

    private ReadRequest? _request;
    private volatile bool _stopping;
    private int _disposed;

    public KafkaEventLogReader(KafkaOptions options, string groupId, ILogger<KafkaEventLogReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _topic = options.Topic;
        _group = groupId;
        _operationTimeout = options.OperationTimeout;
        _logger = logger;
        _consumer = new ConsumerBuilder<Ignore, ReadOnlyMemory<byte>>(KafkaClientConfigs.Consumer(options, groupId, "tracking-loader"))
            .SetValueDeserializer(_arena)
            .SetLogHandler((_, message) => KafkaLogging.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaLogging.Error(logger, error))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, lost: false))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, lost: true))
            .Build();
        _consumer.Subscribe(_topic);
        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-consume-" + groupId };
        _thread.Start();
    }

    public IReadOnlyCollection<int> AssignedPartitions => Volatile.Read(ref _assignedSnapshot);

    public string GroupId => _group;

    public ValueTask<IReadOnlyList<ConsumedMessage>> ReadAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        return new ValueTask<IReadOnlyList<ConsumedMessage>>(Submit(new ReadRequest(maxMessages, maxWait, cancellationToken)));
    }

    /// <summary>The group's committed offset of <paramref name="partition"/>, or its low watermark when the group has none.</summary>
    public ValueTask<long> GetCommittedOffsetAsync(int partition, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var topicPartition = new TopicPartition(_topic, partition);
        try
        {
            var committed = _consumer.Committed([topicPartition], _operationTimeout)[0].Offset;
            if (committed.Value >= 0)
            {
                return ValueTask.FromResult(committed.Value);
            }

            return ValueTask.FromResult(_consumer.QueryWatermarkOffsets(topicPartition, _operationTimeout).Low.Value);
        }
        catch (KafkaException e)
        {
            throw new EventLogUnavailableException($"Committed offset of partition {partition} unavailable: {e.Error.Code} {e.Error.Reason}", e);
        }
    }

    public void Seek(int partition, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        lock (_gate)
        {
            RequireAssigned(partition, "seek");
        }

        try
        {
            _consumer.Seek(new TopicPartitionOffset(_topic, partition, offset));
        }
        catch (KafkaException e)
        {
            throw new EventLogUnavailableException($"Seek of partition {partition} to {offset} failed: {e.Error.Code} {e.Error.Reason}", e);
        }
    }

    /// <summary>
    /// Synchronously commits <paramref name="nextOffset"/> for <paramref name="partition"/> (blocks for the
    /// coordinator's answer). Throws <see cref="PartitionNotAssignedException"/> when the partition is no
    /// longer this member's, <see cref="EventLogUnavailableException"/> when the commit may succeed later.
    /// </summary>
    /// <remarks>
    /// When the group is rebalancing (the commit is refused with REBALANCE_IN_PROGRESS or a stale
    /// generation), the consumer takes part in the rebalance without handing out messages and the commit
    /// is retried, as Kafka's protocol prescribes: with cooperative rebalancing a partition stays this
    /// member's until it revoked it itself. If the rebalance takes it away, the commit throws
    /// <see cref="PartitionNotAssignedException"/>.
    /// </remarks>
    public async ValueTask CommitAsync(int partition, long nextOffset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        var deadline = Environment.TickCount64 + (long)_operationTimeout.TotalMilliseconds;
        for (var attempt = 1; ; attempt++)
        {
            Error? error;
            Exception? exception;
            lock (_gate)
            {
                RequireAssigned(partition, "commit");
                error = TryCommit(partition, nextOffset, out exception);
            }

            if (error is null)
            {
                break;
            }

            // From a handler on the consume thread there is nobody else to drive the rebalance.
            var canSettle = Environment.CurrentManagedThreadId != _thread.ManagedThreadId;
            if (!canSettle || !CommitErrors.IsRebalance(error.Code) || Environment.TickCount64 >= deadline)
            {
                throw CommitErrors.Translate(partition, error, exception!);
            }

            KafkaLog.CommitRetried(_logger, _group, partition, attempt, error.Code);
            await SettleAsync(cancellationToken);
        }

        KafkaLog.Committed(_logger, _group, partition, nextOffset);
    }

    private Error? TryCommit(int partition, long nextOffset, out Exception? exception)
    {
        exception = null;
        try
        {
            _consumer.Commit([new TopicPartitionOffset(_topic, partition, nextOffset)]);
            return null;
        }
        catch (TopicPartitionOffsetException e) when (e.Results.Count > 0 && e.Results[0].Error.IsError)
        {
            exception = e;
            return e.Results[0].Error;
        }
        catch (KafkaException e)
        {
            exception = e;
            return e.Error;
        }
    }

    /// <summary>
    /// Messages of an assigned partition not yet returned by <see cref="ReadAsync"/>: high watermark minus
    /// position, from the client's cached fetch state (no broker round trip). Null when the partition
    /// is not assigned or nothing was fetched from it yet.
    /// </summary>
    public long? GetLag(int partition)
    {
        if (_disposed != 0 || Array.IndexOf(Volatile.Read(ref _assignedSnapshot), partition) < 0)
        {
            return null;
        }

        try
        {
            var topicPartition = new TopicPartition(_topic, partition);
            var high = _consumer.GetWatermarkOffsets(topicPartition).High.Value;
            var position = _consumer.Position(topicPartition).Value;
            return high < 0 || position < 0 ? null : Math.Max(0, high - position);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    /// <summary>Lets the consume thread take part in a rebalance for a moment, handing out no messages.</summary>
    private Task SettleAsync(CancellationToken cancellationToken) =>
        Submit(new ReadRequest(ReadRequest.Settle, SettleTime, cancellationToken));

    private Task<IReadOnlyList<ConsumedMessage>> Submit(ReadRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        request.CancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _request, request, null) is not null)
        {
            throw new InvalidOperationException("A read or commit is already pending; a reader serves one caller at a time.");
        }

        _wake.Release();
        return request.Completion.Task;
    }

    /// <summary>Leaves the group (revoking this member's partitions, so the others take them over at once).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _wake.Release();
        await _stopped.Task;
        _consumer.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                _wake.Wait();
                var request = Interlocked.Exchange(ref _request, null);
                if (request is null)
                {
                    break;
                }

                Serve(request);
            }
        }
        finally
        {
            try
            {
                // On this thread, so the revocation handlers run here like every other one.
                _consumer.Close();
            }
            catch (Exception e)
            {
                KafkaLog.CloseFailed(_logger, _group, e);
            }

            _stopped.TrySetResult();
        }
    }

    private void Serve(ReadRequest request)
    {
        if (request.MaxMessages == ReadRequest.Settle)
        {
            ServeSettle(request);
            return;
        }

        _arena.Reset();
        var batch = _readBuffer;
        batch.Clear();
        _batch = batch;
        try
        {
            while (batch.Count < request.MaxMessages && !_stopping)
            {
                request.CancellationToken.ThrowIfCancellationRequested();

                // Wait (in slices) only for the first message; after that take what is already fetched.
                var waitMs = batch.Count > 0 ? 0 : Math.Clamp(request.Deadline - Environment.TickCount64, 0, MaxConsumeSliceMs);
                var result = ConsumeOne((int)waitMs);
                if (result is not null)
                {
                    var offset = result.Offset.Value;
                    batch.Add(new ConsumedMessage(result.Partition.Value, offset, offset + 1, result.Message.Value));
                }
                else if (batch.Count > 0 || Environment.TickCount64 >= request.Deadline)
                {
                    break;
                }
            }

            request.Completion.TrySetResult(batch);
        }
        catch (OperationCanceledException) when (request.CancellationToken.IsCancellationRequested)
        {
            request.Completion.TrySetCanceled(request.CancellationToken);
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
        finally
        {
            _batch = null;
        }
    }

    /// <summary>
    /// Polls so librdkafka can finish a rebalance while a commit waits. A message that arrives meanwhile
    /// is put back (seek to its offset) for the next read.
    /// </summary>
    private void ServeSettle(ReadRequest request)
    {
        // No arena reset: the caller may still hold values of its last read.
        try
        {
            while (Environment.TickCount64 < request.Deadline && !_stopping)
            {
                request.CancellationToken.ThrowIfCancellationRequested();
                var result = ConsumeOne(MaxConsumeSliceMs / 2);
                if (result is not null)
                {
                    _consumer.Seek(new TopicPartitionOffset(_topic, result.Partition, result.Offset));
                }
            }

            request.Completion.TrySetResult([]);
        }
        catch (OperationCanceledException) when (request.CancellationToken.IsCancellationRequested)
        {
            request.Completion.TrySetCanceled(request.CancellationToken);
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
    }

    private ConsumeResult<Ignore, ReadOnlyMemory<byte>>? ConsumeOne(int waitMs)
    {
        try
        {
            return _consumer.Consume(waitMs);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // E.g. the topic does not exist yet: librdkafka keeps trying, the read just finds nothing.
            KafkaLog.ConsumeError(_logger, _group, e.Error.Code, e.Error.Reason);
            return null;
        }
        catch (KafkaException e) when (e.Error.IsFatal)
        {
            throw new EventLogUnavailableException($"Kafka consumer failed: {e.Error.Code} {e.Error.Reason}", e);
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        var ids = partitions.Select(p => p.Partition.Value).ToArray();
        KafkaLog.Assigned(_logger, _group, string.Join(',', ids));
        lock (_gate)
        {
            _assigned.UnionWith(ids);
            PublishAssignment();

            // Offset.Unset: start at the committed offset (or earliest).
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        }
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool lost)
    {
        var ids = partitions.Select(p => p.Partition.Value).ToArray();
        KafkaLog.Revoked(_logger, _group, string.Join(',', ids), lost);
        // No commit for these partitions from here on: their new owner re-reads what was not committed.
        lock (_gate)
        {
            _assigned.ExceptWith(ids);
            PublishAssignment();
        }

        _batch?.RemoveAll(m => Array.IndexOf(ids, m.Partition) >= 0);
    }

    private void PublishAssignment()
    {
        var snapshot = _assigned.ToArray();
        Array.Sort(snapshot);
        Volatile.Write(ref _assignedSnapshot, snapshot);
    }

    private void RequireAssigned(int partition, string operation)
    {
        if (!_assigned.Contains(partition))
        {
            throw new PartitionNotAssignedException(partition,
                $"Cannot {operation} partition {partition} of {_topic}: it is not assigned to this member of group {_group} (revoked in a rebalance?).");
        }
    }
}
