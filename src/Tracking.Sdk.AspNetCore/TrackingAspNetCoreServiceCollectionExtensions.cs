using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tracking.Sdk;
using Tracking.Sdk.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>ASP.NET Core registration of the Tracking SDK.</summary>
public static class TrackingAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the singleton <see cref="TrackingClient"/> (as <see cref="ITrackingClient"/> too), the scoped
    /// <see cref="IRequestTracker"/>, and what reading the visitor from the request needs. Options come from
    /// <paramref name="configuration"/> (for example <c>builder.Configuration.GetSection("Tracking")</c>) and then
    /// <paramref name="configure"/>. <see cref="TrackingOptions.ThrowOnInvalidEvents"/> defaults to true in the
    /// Development environment and false elsewhere, unless set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A configuration section shaped like <see cref="TrackingOptions"/>, or null.</param>
    /// <param name="configure">Code configuration applied after the section, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration? configuration = null, Action<TrackingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TrackingOptions>, EnvironmentDefaults>());
        if (configuration is not null)
        {
            services.AddOptions<TrackingOptions>().Bind(configuration);
            services.AddOptions<TrackingRequestOptions>().Bind(configuration.GetSection("Request"));
        }

        services.AddTrackingClient(configure);
        services.AddHttpContextAccessor();
        services.AddOptions<TrackingRequestOptions>();
        services.TryAddScoped<IRequestTracker, RequestTracker>();
        return services;
    }

    /// <summary>Registers the SDK configured in code only. See <see cref="AddTracking(IServiceCollection, IConfiguration?, Action{TrackingOptions}?)"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets endpoint, write key and so on.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTracking(this IServiceCollection services, Action<TrackingOptions> configure) =>
        services.AddTracking(null, configure);

    /// <summary>Strict validation while developing, lenient in production; registered before any other configuration.</summary>
    private sealed class EnvironmentDefaults(IHostEnvironment? environment = null) : IConfigureOptions<TrackingOptions>
    {
        public void Configure(TrackingOptions options) => options.ThrowOnInvalidEvents = environment?.IsDevelopment() ?? true;
    }
}
