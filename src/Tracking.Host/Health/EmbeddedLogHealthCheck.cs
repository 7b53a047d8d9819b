using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracking.EventLog.Embedded;

namespace Tracking.Host.Health;

/// <summary>The single node's event log is open: the collector can acknowledge events.</summary>
internal sealed class EmbeddedLogHealthCheck(EmbeddedEventLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(log.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the embedded event log is closed"));
}
