using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Tracking.Testing;

namespace Tracking.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class KafkaPipelineTests(KafkaTopology topology)
{
    [Fact]
    public async Task A_generated_dataset_loads_through_kafka_and_the_report_is_exact()
    {
        await using var deployment = new Deployment(topology, "dataset");
        var collector = await deployment.StartCollectorAsync();
        var loader = await deployment.StartLoaderAsync();
        var from = DateTimeOffset.UtcNow.AddHours(-30);
        var to = from.AddHours(20);
        var dataset = LandingDataset.Generate(seed: 3, sessionCount: 600, from, to);
        using var http = collector.CreateClient();
        await new RetryingSender(http, deployment.WriteKey).SendAllAsync(dataset.Events.Select(e => e.Json).ToList());
        await ClickHouseHttp.WaitForEventsAsync(topology.ClickHouseAddress, dataset.Events.Count, table: deployment.Table);

        var expected = ExpectedReport.Compute(dataset.Sessions, from, to, byKeyword: true, byPage: true);
        var actual = await ReportAsync(loader, deployment.ReadKey, from, to);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var want in expected)
        {
            var got = actual.Single(r => (string?)r["keyword"] == want.Keyword && (string?)r["page"] == want.Page);
            Assert.Equal(want.Sessions, (long)got["sessions"]!);
            Assert.Equal(want.Visitors, (long)got["visitors"]!);
            Assert.Equal(want.Bounces, (long)got["bounces"]!);
            Assert.Equal(want.Leads, (long)got["leads"]!);
            Assert.Equal(want.MedianDurationSeconds, (double)got["medianDurationSeconds"]!, 3);
        }
    }

    [Fact]
    public async Task With_the_brokers_down_the_collector_answers_503_and_every_acknowledged_event_lands_once()
    {
        await using var deployment = new Deployment(topology, "outage");
        var collector = await deployment.StartCollectorAsync();
        await deployment.StartLoaderAsync();
        using var http = collector.CreateClient();
        var sender = new RetryingSender(http, deployment.WriteKey);
        using var stop = new CancellationTokenSource();
        var sent = 0;

        // Two clients keep sending through the outage; each batch is retried until acknowledged.
        var clients = Enumerable.Range(0, 2).Select(client => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                await sender.SendAsync(Events.Clicks($"outage-{client}-{batch}", 25));
                Interlocked.Add(ref sent, 25);
            }
        })).ToList();
        await Task.Delay(1500);
        topology.Kafka.SetBrokerDown();
        await Task.Delay(TimeSpan.FromSeconds(6));
        topology.Kafka.SetBrokerUp();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(sender.Unavailable > 0, "the collector never answered 503 while the brokers were down");
        await AssertExactlyOnceAsync(deployment, "outage", sent);
    }

    [Fact]
    public async Task Injected_broker_errors_are_retried_without_loss_or_duplicates()
    {
        await using var deployment = new Deployment(topology, "errors");
        var collector = await deployment.StartCollectorAsync();
        await deployment.StartLoaderAsync();
        using var http = collector.CreateClient();
        var sender = new RetryingSender(http, deployment.WriteKey);
        var events = Events.Clicks("errors", 2000);

        var sending = sender.SendAllAsync(events, batchSize: 20, parallelism: 2);
        for (var i = 0; i < 5; i++)
        {
            topology.Kafka.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);
            await Task.Delay(300);
        }

        await sending;
        await AssertExactlyOnceAsync(deployment, "errors", events.Count);
    }

    [Fact]
    public async Task A_loader_killed_mid_load_and_restarted_loads_everything_exactly_once()
    {
        await using var deployment = new Deployment(topology, "killed");
        var collector = await deployment.StartCollectorAsync();
        var loader = await deployment.StartLoaderAsync();
        using var http = collector.CreateClient();
        var events = Events.Clicks("killed", 6000);
        var sending = new RetryingSender(http, deployment.WriteKey).SendAllAsync(events, batchSize: 50, parallelism: 2);

        await WaitUntilAsync(async () => await CountAsync(deployment, "count()") > 500);
        loader.Kill();
        await sending;
        await loader.StartAsync();

        await AssertExactlyOnceAsync(deployment, "killed", events.Count);
        // The loader replays an unfinished batch with the same deduplication token: no copy even before merges.
        Assert.Equal(events.Count, await CountAsync(deployment, "count()", final: false));
    }

    [Fact]
    public async Task A_backlog_produced_before_any_loader_runs_is_loaded_exactly_once()
    {
        await using var deployment = new Deployment(topology, "backlog");
        var collector = await deployment.StartCollectorAsync();
        using var http = collector.CreateClient();
        var events = Events.Clicks("backlog", 10_000);
        await new RetryingSender(http, deployment.WriteKey).SendAllAsync(events, batchSize: 100, parallelism: 2);

        // Several full batches per partition wait in Kafka; the loader starts from no committed offsets.
        await deployment.StartLoaderAsync();
        await AssertExactlyOnceAsync(deployment, "backlog", events.Count);
        Assert.Equal(events.Count, await CountAsync(deployment, "count()", final: false));
    }

    [Fact]
    public async Task Two_loaders_in_one_group_share_the_partitions_through_rebalances()
    {
        await using var deployment = new Deployment(topology, "rebalance", partitions: 6);
        var collector = await deployment.StartCollectorAsync();
        var first = await deployment.StartLoaderAsync();
        using var http = collector.CreateClient();
        var sender = new RetryingSender(http, deployment.WriteKey);
        var events = Events.Clicks("rebalance", 6000);

        await sender.SendAllAsync(events[..2000]);
        var second = await deployment.StartLoaderAsync();   // rebalance: partitions split between the two
        await sender.SendAllAsync(events[2000..4000]);
        await first.StopAsync();                            // rebalance: the second takes them all
        await sender.SendAllAsync(events[4000..]);

        await AssertExactlyOnceAsync(deployment, "rebalance", events.Count);
        Assert.NotNull(second.ProcessId);
    }

    [Fact]
    public async Task A_poison_record_goes_to_the_dead_letter_topic_and_the_rest_load()
    {
        await using var deployment = new Deployment(topology, "poison");
        var collector = await deployment.StartCollectorAsync();
        await deployment.StartLoaderAsync();
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = topology.Kafka.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(deployment.Topic, new Message<byte[], byte[]> { Key = "v"u8.ToArray(), Value = "{\"not\":\"a record\"}"u8.ToArray() });
        }

        using var http = collector.CreateClient();
        var events = Events.Clicks("poison", 500);
        await new RetryingSender(http, deployment.WriteKey).SendAllAsync(events);
        await AssertExactlyOnceAsync(deployment, "poison", events.Count);

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = topology.Kafka.BootstrapServers,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(deployment.Topic + "-dlq");
        var dead = consumer.Consume(TimeSpan.FromSeconds(30));
        Assert.NotNull(dead);
        Assert.Equal("{\"not\":\"a record\"}", System.Text.Encoding.UTF8.GetString(dead.Message.Value));
        var error = System.Text.Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes("tracking-error"));
        Assert.Contains("not supported", error, StringComparison.Ordinal);
        consumer.Close();
    }

    private async Task AssertExactlyOnceAsync(Deployment deployment, string prefix, int expected)
    {
        await ClickHouseHttp.WaitForEventsAsync(topology.ClickHouseAddress, expected, TimeSpan.FromMinutes(2), $"startsWith(message_id, '{prefix}-')", deployment.Table);
        Assert.Equal(expected, await CountAsync(deployment, "count()"));
        Assert.Equal(expected, await CountAsync(deployment, "uniqExact(message_id)"));
    }

    /// <summary>What reports see: FINAL collapses the copies a client retry may have put in the log.</summary>
    private Task<long> CountAsync(Deployment deployment, string aggregate, bool final = true) =>
        ClickHouseHttp.CountAsync(topology.ClickHouseAddress, $"SELECT {aggregate} FROM {deployment.Table} {(final ? "FINAL" : string.Empty)}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await ConditionAsync(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> ConditionAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (InvalidOperationException)
        {
            return false; // the table is created by the loader's first migration
        }
    }

    private static async Task<List<JsonObject>> ReportAsync(HostProcess loader, string readKey, DateTimeOffset from, DateTimeOffset to)
    {
        using var http = loader.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        var text = await http.GetStringAsync(new Uri($"v1/reports/landing?groupBy=keyword,page&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", UriKind.Relative));
        return JsonNode.Parse(text)!["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }
}
