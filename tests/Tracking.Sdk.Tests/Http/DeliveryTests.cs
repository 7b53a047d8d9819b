using System.Text;
using Tracking.Sdk.Tests.Support;

namespace Tracking.Sdk.Tests.Http;

/// <summary>The SDK's HTTP behaviour against a real local endpoint answering as each test says.</summary>
public class DeliveryTests
{
    private static Dictionary<string, object?> Props(int i) => new() { ["i"] = i };

    [Fact]
    public async Task Batches_are_gzipped_json_with_the_write_key_as_basic_user()
    {
        await using var collector = await TestCollector.StartAsync();
        await using (var client = Clients.Create(Clients.Options(collector.BaseAddress, "wk_secret")))
        {
            client.Track("a", Visitor.User("u1"), Props(1));
            client.Track("b", Visitor.User("u1"), Props(2));
            await client.FlushAsync();
        }

        var request = Assert.Single(collector.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("wk_secret:")), request.Authorization);
        Assert.Equal("gzip", request.ContentEncoding);
        Assert.Equal(["a", "b"], request.Events.Select(e => e.GetProperty("event").GetString()));
        Assert.True(DateTime.TryParse(request.Body.GetProperty("sentAt").GetString(), out _));
    }

    [Fact]
    public async Task Every_event_carries_a_unique_message_id()
    {
        await using var collector = await TestCollector.StartAsync();
        await using (var client = Clients.Create(Clients.Options(collector.BaseAddress)))
        {
            for (var i = 0; i < 1_200; i++)
            {
                Assert.True(client.Track("e", Visitor.Anonymous("a1"), Props(i)));
            }
        }

        Assert.Equal(1_200, collector.AcceptedMessageIds.Distinct().Count());
        Assert.All(collector.Requests, r => Assert.InRange(r.Events.Count, 1, 500));
    }

    [Fact]
    public async Task Collector_answering_503_with_retry_after_is_waited_for_as_told()
    {
        var first = true;
        await using var collector = await TestCollector.StartAsync(_ =>
        {
            var answer = first ? new Answer(503, RetryAfterSeconds: 2) : Answer.Accept;
            first = false;
            return answer;
        });
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var requests = collector.Requests;
        Assert.Equal(2, requests.Count);
        var waited = requests[1].ReceivedAtUtc - requests[0].ReceivedAtUtc;
        Assert.InRange(waited, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
        Assert.Equal(requests[0].MessageIds, requests[1].MessageIds);
        Assert.Equal(1, client.GetStatistics().Retried);
        Assert.Equal(1, client.GetStatistics().Sent);
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_is_waited_for_as_told()
    {
        var count = 0;
        await using var collector = await TestCollector.StartAsync(_ => Interlocked.Increment(ref count) == 1 ? new Answer(429, RetryAfterSeconds: 1) : Answer.Accept);
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var requests = collector.Requests;
        Assert.InRange(requests[1].ReceivedAtUtc - requests[0].ReceivedAtUtc, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_delivered_once()
    {
        var count = 0;
        await using var collector = await TestCollector.StartAsync(_ => Interlocked.Increment(ref count) <= 3 ? new Answer(500) : Answer.Accept);
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(4, collector.Requests.Count);
        Assert.Single(collector.AcceptedMessageIds);
        Assert.Equal(3, client.GetStatistics().Retried);
    }

    [Fact]
    public async Task Server_errors_stop_after_the_configured_retries_and_are_counted()
    {
        await using var collector = await TestCollector.StartAsync(_ => new Answer(502));
        var options = Clients.Options(collector.BaseAddress);
        options.MaxServerErrorRetries = 2;
        await using var client = Clients.Create(options);
        client.Track("e", Visitor.User("u1"));
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(3, collector.Requests.Count);
        Assert.Equal(2, client.GetStatistics().DroppedFor(DropReason.ServerError));
    }

    [Fact]
    public async Task Rejected_events_are_logged_with_the_reason_and_never_retried()
    {
        await using var collector = await TestCollector.StartAsync(r =>
            new Answer(200, $"{{\"accepted\":{r.Events.Count - 1},\"rejected\":[{{\"index\":1,\"error\":\"event name too long\"}}]}}"));
        var logs = new TestLogs();
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress), logs.CreateFactory());
        client.Track("ok", Visitor.User("u1"));
        client.Track("bad", Visitor.User("u1"));
        client.Track("ok2", Visitor.User("u1"));
        await client.FlushAsync();

        Assert.Single(collector.Requests);
        var stats = client.GetStatistics();
        Assert.Equal(2, stats.Sent);
        Assert.Equal(1, stats.DroppedFor(DropReason.Rejected));
        Assert.Contains(logs.Entries, e => e.Message.Contains("event name too long", StringComparison.Ordinal) && e.Message.Contains("track bad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_batch_is_dropped_without_retry()
    {
        await using var collector = await TestCollector.StartAsync(_ => new Answer(400, "{\"error\":\"bad json\"}"));
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync();

        Assert.Single(collector.Requests);
        Assert.Equal(1, client.GetStatistics().DroppedFor(DropReason.Malformed));
    }

    [Fact]
    public async Task Unknown_write_key_is_logged_loudly_and_the_batch_dropped()
    {
        await using var collector = await TestCollector.StartAsync(_ => new Answer(401));
        var logs = new TestLogs();
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress), logs.CreateFactory());
        client.Track("e", Visitor.User("u1"));
        await client.FlushAsync();

        Assert.Single(collector.Requests);
        Assert.Equal(1, client.GetStatistics().DroppedFor(DropReason.Unauthorized));
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("write key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Too_large_batch_is_split_until_it_fits()
    {
        await using var collector = await TestCollector.StartAsync(r => r.Events.Count > 3 ? new Answer(413) : Answer.Accept);
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        for (var i = 0; i < 20; i++)
        {
            client.Track("e", Visitor.User("u1"), Props(i));
        }

        await client.FlushAsync();

        Assert.Equal(20, collector.AcceptedMessageIds.Distinct().Count());
        Assert.Equal(20, client.GetStatistics().Sent);
        Assert.Equal(0, client.GetStatistics().Dropped);
    }

    [Fact]
    public async Task Oversized_event_is_dropped_and_counted_the_rest_delivered()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("small", Visitor.User("u1"));
        client.Track("huge", Visitor.User("u1"), new Dictionary<string, object?> { ["blob"] = new string('x', 40_000) });
        await client.FlushAsync();

        Assert.Equal(["small"], collector.AcceptedEvents.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(1, client.GetStatistics().DroppedFor(DropReason.TooLarge));
    }

    [Fact]
    public async Task Batches_close_on_the_flush_interval_without_a_flush_call()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var client = Clients.Create(Clients.Options(collector.BaseAddress));
        client.Track("e", Visitor.User("u1"));
        await Clients.EventuallyAsync(() => collector.AcceptedMessageIds.Count == 1, TimeSpan.FromSeconds(5));
    }
}
