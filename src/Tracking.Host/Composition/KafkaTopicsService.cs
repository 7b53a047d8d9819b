using Microsoft.Extensions.Options;
using Tracking.EventLog.Kafka;

namespace Tracking.Host.Composition;

/// <summary>Creates the events and dead-letter topics at start when they are missing.</summary>
internal sealed class KafkaTopicsService(IOptions<KafkaOptions> options, ILogger<KafkaTopicsService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => KafkaTopics.EnsureAsync(options.Value, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
