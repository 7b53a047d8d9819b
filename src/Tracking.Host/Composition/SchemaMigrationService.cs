using Tracking.ClickHouse.Migrations;

namespace Tracking.Host.Composition;

/// <summary>Applies schema migrations before the loader and reports start (hosted services start in order).</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
