using Tracking.ClickHouse.Erasure;
using Tracking.ClickHouse.Retention;
using Tracking.Host.Admin;
using Tracking.Host.Keys;
using Tracking.Host.Retention;

namespace Tracking.Host.Erasure;

/// <summary>Retention and erasure, on a host that runs the loader (after the store's services, whose migrations run first).</summary>
internal static class ErasureServices
{
    public static void AddRetentionAndErasure(this IServiceCollection services, RetentionDefault retention)
    {
        services.AddSingleton(retention);
        services.AddSingleton<RetentionSettings>();
        services.AddHostedService<RetentionStartup>();
        services.AddSingleton<ErasureRequests>();
        services.AddSingleton<PersonErasure>();
        services.AddSingleton<ErasureWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ErasureWorker>());
        services.AddSingleton<IProjectDirectory>(sp => sp.GetRequiredService<ProjectStore>());
    }
}
