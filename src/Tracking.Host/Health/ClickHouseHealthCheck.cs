using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracking.ClickHouse;

namespace Tracking.Host.Health;

/// <summary>
/// ClickHouse answers a query. The embedded engine runs one statement at a time and the host's own wait at
/// most for the analyst query running (up to its 10 s max_execution_time by default), so the bound is above
/// that: a slow ad-hoc query must not make the node look unready.
/// </summary>
internal sealed class ClickHouseHealthCheck(ClickHouseStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.Client.ExecuteScalarAsync("SELECT 1", null, null, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(timeout.IsCancellationRequested ? $"no answer in {Timeout.TotalSeconds:0} s" : e.Message);
        }
    }
}
