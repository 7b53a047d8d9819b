using Microsoft.Extensions.DependencyInjection.Extensions;
using Tracking.ClickHouse;
using Tracking.ClickHouse.Erasure;
using Tracking.ClickHouse.Migrations;
using Tracking.Loader;
using Tracking.Reports;

namespace Tracking.Host.Composition;

internal static class StoreServices
{
    /// <summary>ClickHouse access, migrations at start, the loader and the reports.</summary>
    public static void AddStoreAndLoader(this IServiceCollection services, string connectionString, ClickHouseOptions options)
    {
        services.AddSingleton(new ClickHouseStore(connectionString, options.Database));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<EventInserter>();
        services.AddSingleton<LoaderCheckpoints>();
        services.AddSingleton<StoredMessageIds>();
        services.AddSingleton<ErasedIds>();
        services.AddOptions<LoaderOptions>().BindConfiguration(LoaderOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LoaderMetrics>();
        services.AddSingleton<EventLoader>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLoader>());
        services.AddReports();
    }
}
