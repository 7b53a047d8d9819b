using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tracking.EventLog.Kafka;

/// <summary>Creates the event and dead-letter topics on start when they are missing.</summary>
public static class KafkaTopics
{
    /// <summary>
    /// Creates <see cref="KafkaOptions.Topic"/> and <see cref="KafkaOptions.DeadLetterTopic"/> with the
    /// configured partitions, replication factor and retention when missing. Existing topics are left
    /// as they are (a smaller partition count is logged). Brokers without CreateTopics (before 0.10.1,
    /// or librdkafka's mock cluster) get a warning instead of an error: they auto-create topics or an
    /// operator does. With <see cref="KafkaOptions.Legacy"/> nothing is attempted.
    /// </summary>
    /// <returns>Partition count of each topic as the brokers report it afterwards (absent: not known yet).</returns>
    public static async Task<IReadOnlyDictionary<string, int>> EnsureAsync(
        KafkaOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        string[] topics = [options.Topic, options.DeadLetterTopic];
        if (options.Legacy)
        {
            KafkaLog.TopicsSkippedLegacy(logger, string.Join(", ", topics));
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, "tracking-admin"))
            .SetLogHandler((_, message) => KafkaLogging.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaLogging.Error(logger, error))
            .Build();

        var existing = await PartitionCountsAsync(admin, options.OperationTimeout, cancellationToken);
        var missing = topics.Where(t => !existing.ContainsKey(t)).ToList();
        foreach (var topic in topics.Where(existing.ContainsKey))
        {
            KafkaLog.TopicExists(logger, topic, existing[topic]);
            if (existing[topic] < options.Partitions)
            {
                KafkaLog.TopicHasFewerPartitions(logger, topic, existing[topic], options.Partitions);
            }
        }

        if (missing.Count == 0)
        {
            return existing;
        }

        var specs = missing.Select(topic => new TopicSpecification
        {
            Name = topic,
            NumPartitions = options.Partitions,
            ReplicationFactor = options.ReplicationFactor,
            Configs = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["retention.ms"] = options.RetentionMs.ToString(CultureInfo.InvariantCulture),
            },
        });
        try
        {
            await admin.CreateTopicsAsync(specs, new CreateTopicsOptions { RequestTimeout = options.OperationTimeout });
            foreach (var topic in missing)
            {
                KafkaLog.TopicCreated(logger, topic, options.Partitions, options.ReplicationFactor);
            }
        }
        catch (CreateTopicsException e)
        {
            // Another instance starting at the same time may have won the race: that is success.
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    "Could not create Kafka topics: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Code} {r.Error.Reason}")), e);
            }
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.Local_TimedOut)
        {
            // Local_TimedOut: no controller answered ("waiting for controller"), which is how brokers
            // without the admin API look, librdkafka's mock cluster among them. Start anyway: producing
            // to or consuming from a topic that really is missing fails loudly on its own.
            KafkaLog.CreateTopicsUnsupported(logger, e.Error.Reason, string.Join(", ", missing), options.Partitions);
        }

        return await PartitionCountsAsync(admin, options.OperationTimeout, cancellationToken);
    }

    /// <summary>All topics' metadata: asking for named topics could make an older broker auto-create them.</summary>
    private static Task<Dictionary<string, int>> PartitionCountsAsync(IAdminClient admin, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Run(
            () => admin.GetMetadata(timeout).Topics
                .Where(t => !t.Error.IsError)
                .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal),
            cancellationToken);
}
