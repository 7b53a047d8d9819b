using Microsoft.Extensions.Logging;

namespace Tracking.Sdk.Tests.Support;

/// <summary>Client options tuned for tests: short flush interval and backoff.</summary>
public static class Clients
{
    public static TrackingOptions Options(Uri endpoint, string writeKey = "wk_test") => new()
    {
        Endpoint = endpoint,
        WriteKey = writeKey,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(300),
        RequestTimeout = TimeSpan.FromSeconds(5),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
    };

    public static TrackingClient Create(TrackingOptions options, ILoggerFactory? logs = null) => new(options, logs ?? TestLogs.Factory);

    /// <summary>Waits until <paramref name="condition"/> holds, polling.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time" + (because is null ? "" : ": " + because));
            }

            await Task.Delay(20);
        }
    }
}
