namespace Tracking.EventLog.Kafka;

/// <summary>One <see cref="KafkaEventLogReader.ReadAsync"/> call (or a commit's wait for a rebalance) handed to the consume thread.</summary>
internal sealed class ReadRequest(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
{
    /// <summary><see cref="MaxMessages"/> of a request that only polls to let a rebalance finish.</summary>
    public const int Settle = 0;

    public int MaxMessages { get; } = maxMessages;

    /// <summary>Environment.TickCount64 after which the read stops waiting for a first message.</summary>
    public long Deadline { get; } = maxWait == Timeout.InfiniteTimeSpan
        ? long.MaxValue
        : Environment.TickCount64 + (long)Math.Max(0, maxWait.TotalMilliseconds);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<IReadOnlyList<ConsumedMessage>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
