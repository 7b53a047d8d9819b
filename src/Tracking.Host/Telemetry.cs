using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracking.Collector;
using Tracking.Loader;

namespace Tracking.Host;

internal static class Telemetry
{
    /// <summary>
    /// Metrics and traces of the collector, loader and ASP.NET Core. They are exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OpenTelemetry variables apply).
    /// </summary>
    public static void AddTrackingTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("tracking"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CollectorMetrics.Name, LoaderMetrics.Name).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(CollectorMetrics.Name, LoaderMetrics.Name).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
