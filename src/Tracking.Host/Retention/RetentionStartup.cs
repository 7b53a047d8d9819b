using Tracking.ClickHouse.Retention;

namespace Tracking.Host.Retention;

/// <summary>After the migrations: rebuilds the TTL rules when Retention:Days changed since they were built.</summary>
internal sealed class RetentionStartup(RetentionSettings settings, RetentionDefault configured) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => settings.ApplyIfDefaultChangedAsync(configured.Days, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
