using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka;

/// <summary>Builds the byte-array producers of the writer and the dead-letter writer.</summary>
internal static class KafkaProducers
{
    public static IProducer<byte[]?, byte[]> Create(ProducerConfig config, ILogger logger, Action<Error>? onError = null) =>
        new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => KafkaLogging.Log(logger, message))
            .SetErrorHandler((_, error) =>
            {
                KafkaLogging.Error(logger, error);
                onError?.Invoke(error);
            })
            .Build();

    /// <summary>The array behind <paramref name="memory"/> when it spans all of it, else a copy (Confluent takes byte[] only).</summary>
    public static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
