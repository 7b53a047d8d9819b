using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracking.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="TrackingClient"/> in a service collection (any host; no ASP.NET Core needed).</summary>
public static class TrackingServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client posts with (configure it with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "Tracking.Sdk";

    /// <summary>
    /// Registers a singleton <see cref="TrackingClient"/> (also as <see cref="ITrackingClient"/>) configured by
    /// <paramref name="configure"/> and any other <see cref="TrackingOptions"/> configuration. The container
    /// disposes it at shutdown, which delivers what is queued.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets endpoint, write key and so on.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTrackingClient(this IServiceCollection services, Action<TrackingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TrackingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(provider => new TrackingClient(
            provider.GetRequiredService<IOptions<TrackingOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<ITrackingClient>(provider => provider.GetRequiredService<TrackingClient>());
        return services;
    }
}
