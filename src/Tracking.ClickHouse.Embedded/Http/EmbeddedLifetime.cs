using Microsoft.Extensions.Hosting;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// Replaces the console lifetime: the embedded server stops when its owner disposes it, not on
/// SIGTERM, because the owning host may still be flushing data into it while it shuts down.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
