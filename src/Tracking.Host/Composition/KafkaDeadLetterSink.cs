using Tracking.EventLog;
using Tracking.EventLog.Kafka;
using Tracking.Loader;

namespace Tracking.Host.Composition;

/// <summary>Dead letters of the cluster setup: the Kafka dead-letter topic, with the error in a header.</summary>
internal sealed class KafkaDeadLetterSink(KafkaDeadLetterWriter writer) : IDeadLetterSink
{
    public Task WriteAsync(int partition, long offset, ReadOnlyMemory<byte> record, string error, CancellationToken cancellationToken) =>
        writer.WriteAsync(new ConsumedMessage(partition, offset, offset + 1, record), error, cancellationToken).AsTask();
}
