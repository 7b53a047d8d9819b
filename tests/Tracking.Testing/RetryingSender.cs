using System.Net;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>
/// Sends batches like a well-behaved SDK: on 503 (or a dropped connection) it waits and sends the same
/// batch again, so every batch ends up acknowledged. Counts the 503s it saw, and those without a Retry-After.
/// </summary>
public sealed class RetryingSender(HttpClient http, string writeKey)
{
    private int _unavailable;
    private int _unavailableWithoutRetryAfter;

    public int Unavailable => _unavailable;

    public int UnavailableWithoutRetryAfter => _unavailableWithoutRetryAfter;

    public async Task SendAsync(IReadOnlyList<JsonObject> batch, TimeSpan? giveUpAfter = null)
    {
        var deadline = DateTime.UtcNow + (giveUpAfter ?? TimeSpan.FromMinutes(2));
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                using var response = await http.SendAsync(CollectorClient.Batch(writeKey, batch));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new InvalidOperationException($"collector answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                Interlocked.Increment(ref _unavailable);
                if (response.Headers.RetryAfter is null)
                {
                    Interlocked.Increment(ref _unavailableWithoutRetryAfter);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the collector did not take the batch in time");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    public async Task SendAllAsync(IReadOnlyList<JsonObject> events, int batchSize = 50, int parallelism = 4) =>
        await Parallel.ForEachAsync(events.Chunk(batchSize), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (batch, _) => await SendAsync(batch));
}
