namespace Tracking.EventLog;

/// <summary>
/// A commit for a partition this consumer no longer owns (revoked or lost in a rebalance). The caller
/// must drop what it holds of that partition: the new owner re-reads from the last committed offset.
/// </summary>
public sealed class PartitionNotAssignedException : InvalidOperationException
{
    public PartitionNotAssignedException(int partition, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Partition = partition;
    }

    public PartitionNotAssignedException() { }

    public PartitionNotAssignedException(string message) : base(message) { }

    public PartitionNotAssignedException(string message, Exception innerException) : base(message, innerException) { }

    public int Partition { get; }
}
