using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// Rate limits through real sockets. Clients bind distinct loopback addresses (127.0.0.x), so the host sees
/// them as different client IPs. Requests go out all at once, so no assertion depends on how fast they are sent.
/// </summary>
public sealed class RateLimitTests(RateLimitedHostFixture fixture) : IClassFixture<RateLimitedHostFixture>
{
    private readonly string _run = "rate-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task One_client_address_over_its_limit_gets_429_with_retry_after_and_what_passed_is_stored()
    {
        var answers = await SendAtOnceAsync(Enumerable.Repeat(IPAddress.Parse("127.0.0.2"), 12).ToList());

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(limited, a => ((string)a.Body["error"]!).Contains("client address", StringComparison.Ordinal));
        Assert.All(limited, a => Assert.True(a.RetryAfter >= TimeSpan.FromSeconds(1)));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.Body.ToJsonString()));
        await StoredEvents.AssertCountAsync(fixture.Host, _run, answers.Count(a => a.Status == HttpStatusCode.OK));
    }

    [Fact]
    public async Task One_write_key_over_its_limit_is_limited_across_client_addresses()
    {
        // Two requests from each of ten addresses: under every address's burst of 3, over the key's burst of 6.
        var addresses = Enumerable.Range(10, 10).SelectMany(i => Enumerable.Repeat(IPAddress.Parse($"127.0.0.{i}"), 2)).ToList();
        var answers = await SendAtOnceAsync(addresses);

        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests && ((string)a.Body["error"]!).Contains("write key", StringComparison.Ordinal));
        Assert.DoesNotContain(answers, a => ((string?)a.Body["error"])?.Contains("client address", StringComparison.Ordinal) == true);
        await StoredEvents.AssertCountAsync(fixture.Host, _run, answers.Count(a => a.Status == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Limited_requests_are_counted_in_an_opentelemetry_metric_tagged_by_the_limit()
    {
        var answers = await SendAtOnceAsync(Enumerable.Repeat(IPAddress.Parse("127.0.0.3"), 12).ToList());
        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);

        for (var i = 0; i < 300 && !fixture.Otlp.Received("tracking.collector.rate_limited", "client_ip"); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(fixture.Otlp.Received("tracking.collector.rate_limited", "client_ip"), "no exported metrics held tracking.collector.rate_limited{limit=client_ip}");
    }

    private async Task<CollectorAnswer[]> SendAtOnceAsync(IReadOnlyList<IPAddress> from)
    {
        var clients = from.Distinct().ToDictionary(a => a, ClientFrom);
        try
        {
            var start = new TaskCompletionSource();
            var sends = from.Select(async (address, i) =>
            {
                await start.Task;
                var e = new JsonObject { ["type"] = "track", ["event"] = "click", ["anonymousId"] = "v", ["messageId"] = $"{_run}-{i}" };
                return await CollectorClient.SendAsync(clients[address], CollectorClient.Batch(fixture.Host.WriteKey, [e]));
            }).ToList();
            start.SetResult();
            return await Task.WhenAll(sends);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private HttpClient ClientFrom(IPAddress local) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = fixture.Host.BaseAddress,
    };
}
