using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// Sets aside messages that can never be loaded: the original value goes to
/// <see cref="KafkaOptions.DeadLetterTopic"/> with the error and its source position in headers
/// (<see cref="DeadLetterHeaders"/>). <see cref="WriteAsync"/> completes once the brokers acknowledged
/// it, so the loader may then commit past the message.
/// </summary>
public sealed class KafkaDeadLetterWriter : IDisposable
{
    /// <summary>Kafka headers are small by convention; a stack trace does not belong there.</summary>
    private static readonly int MaxErrorChars = 4096;

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly string _topic;
    private readonly string _sourceTopic;
    private readonly TimeProvider _clock;
    private readonly ILogger<KafkaDeadLetterWriter> _logger;

    public KafkaDeadLetterWriter(KafkaOptions options, ILogger<KafkaDeadLetterWriter> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _topic = options.DeadLetterTopic;
        _sourceTopic = options.Topic;
        _clock = clock ?? TimeProvider.System;
        _logger = logger;
        _producer = KafkaProducers.Create(KafkaClientConfigs.Producer(options, "tracking-dead-letters"), logger);
    }

    public async ValueTask WriteAsync(ConsumedMessage message, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Length > MaxErrorChars ? error[..MaxErrorChars] : error;
        var headers = new Headers
        {
            { DeadLetterHeaders.Error, Encoding.UTF8.GetBytes(text) },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(_sourceTopic) },
            { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(message.Partition.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(message.Offset.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.FailedAt, Encoding.UTF8.GetBytes(_clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)) },
        };
        try
        {
            await _producer.ProduceAsync(_topic, new Message<byte[]?, byte[]> { Value = message.Value.ToArray(), Headers = headers }, cancellationToken);
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            throw new EventLogUnavailableException($"Dead-letter topic {_topic} did not take the message: {e.Error.Code} {e.Error.Reason}", e);
        }

        KafkaLog.DeadLettered(_logger, message.Partition, message.Offset, _topic, text);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
