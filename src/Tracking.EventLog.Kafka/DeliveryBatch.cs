using Confluent.Kafka;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// One completion for all messages of an append: counts delivery reports down and fails on the first
/// error. One object and one delegate per append instead of a task per message.
/// </summary>
internal sealed class DeliveryBatch
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    public DeliveryBatch(int count)
    {
        _pending = count;
        OnDelivery = Deliver;
    }

    /// <summary>Completes when every message was acknowledged; faults on the first failed delivery.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The delivery handler, called on librdkafka's poll thread.</summary>
    public Action<DeliveryReport<byte[]?, byte[]>> OnDelivery { get; }

    /// <summary>Fewer messages than announced were handed to the producer; the rest will never report.</summary>
    public void Shrink(int notProduced)
    {
        if (Interlocked.Add(ref _pending, -notProduced) == 0)
        {
            _completion.TrySetResult();
        }
    }

    private void Deliver(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _completion.TrySetException(new EventLogUnavailableException(
                $"Kafka did not acknowledge a message of partition {report.Partition.Value}: {report.Error.Code} {report.Error.Reason}"));
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _completion.TrySetResult();
        }
    }
}
