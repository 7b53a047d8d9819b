using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tracking.Host.Health;

/// <summary>
/// Liveness and readiness, as ASP.NET Core health checks tagged the way orchestrators probe them:
/// <c>/healthz</c> runs the <see cref="Live"/> checks (restart the process when they fail), <c>/readyz</c>
/// the <see cref="Ready"/> ones (send it no traffic, or page someone, while they fail).
/// </summary>
internal static class HealthChecks
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static void AddTrackingHealthChecks(this IServiceCollection services, HostSettings settings)
    {
        var checks = services.AddHealthChecks();
        if (settings.EventLog == EventLogKind.Embedded)
        {
            checks.AddCheck<EmbeddedLogHealthCheck>("event-log", tags: [Live, Ready]);
        }

        if (settings.RunsLoader)
        {
            checks.AddCheck<ClickHouseHealthCheck>("clickhouse", tags: [Ready]);
            checks.AddCheck<LoaderHealthCheck>("loader", tags: [Ready]);
        }
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", Options(Live, "ok"));
        app.MapHealthChecks("/readyz", Options(Ready, "ready"));
    }

    private static HealthCheckOptions Options(string tag, string healthy) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = (context, report) => WriteAsync(context, report, healthy),
    };

    /// <summary>Plain text, one line: the healthy word, or each failing check with its reason.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report, string healthy)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync(healthy + "\n");
        }

        var text = new StringBuilder();
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            text.Append(name).Append(": ").Append(entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString()).Append('\n');
        }

        return context.Response.WriteAsync(text.ToString());
    }
}
