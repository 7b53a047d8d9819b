using Confluent.Kafka;
using Tracking.EventLog;

namespace Tracking.EventLog.Kafka;

/// <summary>Sorts commit failures into "not yours any more" and "try again later".</summary>
internal static class CommitErrors
{
    /// <summary>Refusals that a finished rebalance may turn into success (if the partition stays ours).</summary>
    public static bool IsRebalance(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;

    public static Exception Translate(int partition, Error error, Exception inner) => error.Code switch
    {
        // The group moved on without this member: the partition belongs to someone else now (or will).
        ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId or ErrorCode.FencedInstanceId
            or ErrorCode.Local_AssignmentLost or ErrorCode.Local_State =>
            new PartitionNotAssignedException(partition, $"Commit for partition {partition} rejected, this consumer is no longer its owner: {error.Code} {error.Reason}", inner),

        // Coordinator moving, rebalance under way, broker down: the same commit may succeed later.
        _ => new EventLogUnavailableException($"Commit for partition {partition} failed: {error.Code} {error.Reason}", inner),
    };
}
