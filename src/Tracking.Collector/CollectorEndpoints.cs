using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.ObjectPool;
using Tracking.Collector.Enrichment;
using Tracking.Enrichment;
using Tracking.Events;

namespace Tracking.Collector;

public static class CollectorEndpoints
{
    /// <summary>CORS policy of the ingestion routes: any site may embed the snippet.</summary>
    public const string CorsPolicy = "tracking-collector";

    /// <summary>Registers the collector's services; the host provides an IEventLogWriter and an IWriteKeyResolver.</summary>
    public static IServiceCollection AddCollector(this IServiceCollection services)
    {
        services.AddOptions<CollectorOptions>().BindConfiguration(CollectorOptions.Section);
        services.AddSingleton<CollectorMetrics>();
        services.AddSingleton<CollectorRateLimits>();
        services.AddSingleton<BacklogLimit>();
        services.AddHostedService(sp => sp.GetRequiredService<BacklogLimit>());
        services.AddSingleton<UserAgentParser>();
        services.AddSingleton<EventEnricher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DefaultObjectPoolProvider { MaximumRetained = IngestBuffers.Retained }.Create(new IngestBuffers.Policy()));
        services.AddSingleton<CollectorHandler>();

        // Batches arrive as bodies of tens of KB: receive into a buffer at once instead of first waiting
        // with a zero-byte read, which doubled the receive calls (4 KB each); costs 4 KB per idle connection.
        services.Configure<SocketTransportOptions>(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("POST")

            // The snippet waits as long as a 429 or 503 says; a cross-origin page can read only exposed headers.
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(24))));
        return services;
    }

    /// <summary>Segment-compatible ingestion: /v1/batch plus the single-event routes.</summary>
    public static IEndpointRouteBuilder MapCollector(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireCors(CorsPolicy).WithTags("collector");
        v1.MapPost("/batch", (HttpContext context, CollectorHandler handler) => handler.HandleAsync(context, impliedType: null))
            .Describe("A Segment-style batch: {\"batch\": [event, ...]}, each event with type, messageId, timestamp, anonymousId or userId.");
        foreach (var type in EventTypes.All)
        {
            v1.MapPost("/" + type, (HttpContext context, CollectorHandler handler) => handler.HandleAsync(context, type))
                .Describe($"One {type} event (Segment-style JSON; its type is implied).");
        }

        return app;
    }

    // The handler reads the body itself (Utf8JsonReader over pooled buffers); this only tells the OpenAPI document.
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string summary) =>
        endpoint.WithSummary(summary + " Authorization: Basic with the write key as user name.")
            .Accepts<JsonElement>("application/json", "text/plain")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status503ServiceUnavailable);
}
