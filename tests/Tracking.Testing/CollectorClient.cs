using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>Posts events to the collector the way a Segment-style client does.</summary>
public static class CollectorClient
{
    public static HttpRequestMessage Batch(string writeKey, IEnumerable<JsonObject> events)
    {
        var batch = new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray());
        var body = new JsonObject { ["batch"] = batch }.ToJsonString();
        return Post("v1/batch", writeKey, body);
    }

    public static HttpRequestMessage Post(string path, string? writeKey, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (writeKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return request;
    }

    /// <summary>Sends a request and reads the answer, which the collector always gives as a JSON object.</summary>
    public static async Task<CollectorAnswer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{(int)response.StatusCode} without a JSON object: '{text}'");
            return new CollectorAnswer(response.StatusCode, body, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>
    /// Posts all events in batches from several connections; returns how many the collector accepted. A 503
    /// with Retry-After (the collector pushing back while its loader catches up) is waited out and the batch
    /// sent again, as the SDKs do.
    /// </summary>
    public static async Task<int> SendAllAsync(HttpClient http, string writeKey, IReadOnlyList<JsonObject> events, int batchSize = 80, int parallelism = 4)
    {
        var accepted = 0;
        var batches = events.Chunk(batchSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (batch, ct) =>
        {
            var response = await http.SendAsync(Batch(writeKey, batch), ct);
            while (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait)
            {
                response.Dispose();
                await Task.Delay(wait, ct);
                response = await http.SendAsync(Batch(writeKey, batch), ct);
            }

            using var answered = response;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"collector answered {(int)response.StatusCode}: {text}");
            }

            Interlocked.Add(ref accepted, JsonNode.Parse(text)!["accepted"]!.GetValue<int>());
        });
        return accepted;
    }
}

/// <summary>A collector's answer: status, JSON body, and the Retry-After delay when it gave one.</summary>
public sealed record CollectorAnswer(HttpStatusCode Status, JsonObject Body, TimeSpan? RetryAfter);
