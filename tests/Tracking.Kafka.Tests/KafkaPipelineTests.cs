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
    public async Task With_the_brokers_down_the_collector_answers_503_and_every_acknowledged_event_lands_at_least_once_and_counts_once()
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
        await AssertDeduplicatedAsync(deployment, sent);
    }

    [Fact]
    public async Task Injected_broker_errors_are_retried_without_loss_or_duplicates()
    {
        await using var deployment = new Deployment(topology, "errors");
        // Room for the producer's own retries on a loaded machine: within it, a 503 would mean it gave up.
        var collector = await deployment.StartCollectorAsync(appendTimeout: "00:00:30");
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

        // The producer retries the errors itself (idempotently), so no client saw a 503 and resent:
        // no copy is legitimate.
        Assert.Equal(0, sender.Unavailable);
        await AssertExactlyOnceAsync(deployment, events.Count);
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

        // The loader replays an unfinished batch with the same deduplication token: no copy even before merges.
        await AssertExactlyOnceAsync(deployment, events.Count);
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
        await AssertExactlyOnceAsync(deployment, events.Count);
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

        // Ownership as each loader logged its assignments: it must move, both ways, not just be possible.
        var all = Enumerable.Range(0, 6).ToHashSet();
        SortedSet<int> Owned(HostProcess loader) => PartitionOwnership.Of(loader, deployment.ConsumerGroup);
        await WaitUntilAsync(() => Task.FromResult(all.SetEquals(Owned(first))), "the first loader never owned all six partitions");
        await sender.SendAllAsync(events[..2000]);
        var second = await deployment.StartLoaderAsync();   // rebalance: partitions split between the two
        await sender.SendAllAsync(events[2000..4000]);
        SortedSet<int> firstShare = [];
        await WaitUntilAsync(
            () =>
            {
                firstShare = Owned(first);
                var secondShare = Owned(second);
                return Task.FromResult(firstShare.Count > 0 && secondShare.Count > 0 && !firstShare.Overlaps(secondShare) && all.SetEquals(firstShare.Union(secondShare)));
            },
            "the two loaders never split the six partitions between them");

        await first.StopAsync();                            // rebalance: the second takes them all, the first's share too
        await sender.SendAllAsync(events[4000..]);
        await WaitUntilAsync(() => Task.FromResult(all.SetEquals(Owned(second))), $"the second loader never took over partitions {string.Join(',', firstShare)} from the first");

        await AssertExactlyOnceAsync(deployment, events.Count);
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
        await AssertExactlyOnceAsync(deployment, events.Count);

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

    /// <summary>No copy is legitimate: raw rows, not only FINAL or distinct ids (which collapse copies), count each event once.</summary>
    private async Task AssertExactlyOnceAsync(Deployment deployment, int expected)
    {
        await WaitUntilLoadedAsync(deployment);
        Assert.Equal(expected, await CountAsync(deployment, "count()"));
        Assert.Equal(expected, await CountAsync(deployment, "uniqExact(message_id)"));
    }

    /// <summary>At least once through the log: a client resending after a 503 may store copies, which what reports read (FINAL, distinct ids) counts once.</summary>
    private async Task AssertDeduplicatedAsync(Deployment deployment, int expected)
    {
        await WaitUntilLoadedAsync(deployment);
        Assert.InRange(await CountAsync(deployment, "count()"), expected, long.MaxValue);
        Assert.Equal(expected, await CountAsync(deployment, "count()", final: true));
        Assert.Equal(expected, await CountAsync(deployment, "uniqExact(message_id)"));
    }

    /// <summary>Until the loaders committed the whole topic: every record in it, a copy included, is then in ClickHouse.</summary>
    private Task WaitUntilLoadedAsync(Deployment deployment) =>
        GroupProgress.WaitUntilCommittedToEndAsync(
            new ConsumerConfig { BootstrapServers = topology.Kafka.BootstrapServers, GroupId = deployment.ConsumerGroup },
            deployment.Topic,
            TimeSpan.FromMinutes(2));

    private Task<long> CountAsync(Deployment deployment, string aggregate, bool final = false) =>
        ClickHouseHttp.CountAsync(topology.ClickHouseAddress, $"SELECT {aggregate} FROM {deployment.Table} {(final ? "FINAL" : string.Empty)}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string because = "condition not reached in time")
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await ConditionAsync(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, because);
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
