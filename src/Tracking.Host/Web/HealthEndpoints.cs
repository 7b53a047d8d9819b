using Tracking.ClickHouse;
using Tracking.Loader;

namespace Tracking.Host.Web;

internal static class HealthEndpoints
{
    /// <summary>
    /// /healthz: the process is up and the collector accepts events (the event log is open).
    /// /readyz: also ClickHouse answers and the loader is consuming (where this role has them).
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var loader = services.GetService<EventLoader>();
            var store = services.GetService<ClickHouseStore>();
            var problems = new List<string>();
            try
            {
                if (store is not null)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(3));
                    await store.Client.ExecuteScalarAsync("SELECT 1", null, null, timeout.Token);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problems.Add("clickhouse: " + e.Message);
            }

            if (loader is { IsRunning: false })
            {
                problems.Add("loader: not consuming yet");
            }

            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text(string.Join('\n', problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
