using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Kafka;

/// <summary>
/// Appends to the event topic with an idempotent acks=all producer, keyed by <see cref="LogMessage.Key"/>
/// (the visitor) so one visitor's events stay ordered in one partition. <see cref="AppendAsync"/>
/// completes only when the brokers acknowledged every message; otherwise it throws
/// <see cref="EventLogUnavailableException"/> within <see cref="KafkaOptions.AppendTimeout"/>.
/// Messages acknowledged before a failure stay in the log: the caller retries the whole request and
/// the pipeline drops duplicates by message id. Safe for concurrent appends.
/// </summary>
public sealed class KafkaEventLogWriter : IEventLogWriter, IDisposable
{
    /// <summary>Extra wait past message.timeout.ms for librdkafka to report the timeout itself.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(5);

    private readonly ProducerConfig _config;
    private readonly ILogger<KafkaEventLogWriter> _logger;
    private readonly string _topic;
    private readonly TimeSpan _waitLimit;
    private readonly Lock _replaceLock = new();
    private IProducer<byte[]?, byte[]> _producer;
    private volatile IProducer<byte[]?, byte[]>? _failedProducer;
    private bool _disposed;

    public KafkaEventLogWriter(KafkaOptions options, ILogger<KafkaEventLogWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _config = KafkaClientConfigs.Producer(options, "tracking-collector");
        _logger = logger;
        _topic = options.Topic;

        // A pass-through message.timeout.ms wins over AppendTimeout; wait for whichever is in force.
        _waitLimit = TimeSpan.FromMilliseconds(_config.MessageTimeoutMs ?? 300_000) + ReportGrace;
        _producer = Build();
    }

    public async ValueTask AppendAsync(IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count == 0)
        {
            return;
        }

        var producer = CurrentProducer();
        var batch = new DeliveryBatch(messages.Count);

        // Produce copies key and value into librdkafka at once, so one Message object serves every call.
        var message = new Message<byte[]?, byte[]>();
        for (var i = 0; i < messages.Count; i++)
        {
            var key = messages[i].Key;
            message.Key = key.IsEmpty ? null : KafkaProducers.ArrayOf(key);
            message.Value = KafkaProducers.ArrayOf(messages[i].Value);
            try
            {
                producer.Produce(_topic, message, batch.OnDelivery);
            }
            catch (KafkaException e)
            {
                // Queue full (an outage filling the bounded queue) or a dead producer: fail now. What
                // was already queued is delivered or timed out by librdkafka on its own.
                batch.Shrink(messages.Count - i);
                throw new EventLogUnavailableException($"Kafka producer refused the message: {e.Error.Code} {e.Error.Reason}", e);
            }
        }

        try
        {
            await batch.Completion.WaitAsync(_waitLimit, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new EventLogUnavailableException($"Kafka did not acknowledge the messages within {_waitLimit}.", e);
        }
    }

    /// <summary>Delivers what is queued (up to the append timeout), then closes the producer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _producer.Flush(_waitLimit);
        }
        catch (KafkaException)
        {
            // Anything still queued fails its appends; they were not acknowledged to clients.
        }

        _producer.Dispose();
    }

    private IProducer<byte[]?, byte[]> Build()
    {
        IProducer<byte[]?, byte[]>? built = null;
        built = KafkaProducers.Create(_config, _logger, error =>
        {
            // An idempotent producer that hit a fatal error (e.g. fenced, out-of-order sequence) never
            // recovers; the next append swaps in a fresh one instead of failing forever.
            if (error.IsFatal)
            {
                _failedProducer = built;
            }
        });
        return built;
    }

    private IProducer<byte[]?, byte[]> CurrentProducer()
    {
        var failed = _failedProducer;
        if (failed is null)
        {
            return Volatile.Read(ref _producer);
        }

        lock (_replaceLock)
        {
            if (ReferenceEquals(_producer, failed))
            {
                _producer = Build();
                _failedProducer = null;

                // Its queued messages fail their own appends through their delivery reports.
                _ = Task.Run(() =>
                {
                    failed.Flush(_waitLimit);
                    failed.Dispose();
                });
            }

            return _producer;
        }
    }
}
