using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracking.Loader;

namespace Tracking.Host.Health;

/// <summary>The loader finished recovery, is consuming the log, and keeps up (no partition held, no stall).</summary>
internal sealed class LoaderHealthCheck(EventLoader loader, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !loader.IsRunning ? HealthCheckResult.Unhealthy("not consuming yet")
            : loader.Problem(clock.GetUtcNow()) is { } problem ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy());
}
