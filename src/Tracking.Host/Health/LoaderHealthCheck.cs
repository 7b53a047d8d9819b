using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracking.Loader;

namespace Tracking.Host.Health;

/// <summary>The loader finished recovery and is consuming the log.</summary>
internal sealed class LoaderHealthCheck(EventLoader loader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(loader.IsRunning ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not consuming yet"));
}
