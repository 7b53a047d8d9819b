using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tracking.ClickHouse;

namespace Tracking.Host.Health;

/// <summary>ClickHouse answers a query within a few seconds.</summary>
internal sealed class ClickHouseHealthCheck(ClickHouseStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

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
