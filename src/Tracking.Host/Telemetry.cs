using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.ClickHouse.Embedded;
using Tracking.Collector;
using Tracking.Loader;

namespace Tracking.Host;

internal static class Telemetry
{
    /// <summary>
    /// Metrics and traces of the collector, loader, embedded ClickHouse and ASP.NET Core. They are exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OpenTelemetry variables apply). Traces are only
    /// recorded then: a span per request that no exporter reads would cost allocations on every ingest call.
    /// </summary>
    public static void AddTrackingTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("tracking"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CollectorMetrics.Name, LoaderMetrics.Name, EmbeddedClickHouseMetrics.Name).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(CollectorMetrics.Name, LoaderMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }
    }
}
