using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Tracking.Testing;

namespace Tracking.Kafka.Tests;

/// <summary>
/// A rolling deploy over Kafka: collectors of two record versions writing one topic, and a loader older
/// than the records it meets.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class RollingUpgradeTests(KafkaTopology topology)
{
    [Fact]
    public async Task Old_and_new_collectors_on_one_topic_load_exactly_once_with_nothing_dead_lettered()
    {
        await using var deployment = new Deployment(topology, "mixed-fleet");
        var collector = await deployment.StartCollectorAsync();
        await deployment.StartLoaderAsync();

        // The older collector: version-1 records straight into the topic, keyed by visitor as collectors key them.
        const int Old = 400;
        await ProduceAsync(deployment, Enumerable.Range(0, Old).Select(i => ($"visitor-{i % 13}", OlderRecords.Click(1, $"fleet-old-{i}", $"visitor-{i % 13}", DateTimeOffset.UtcNow))));

        // The new collector (this build, record version 2), interleaved on the same partitions.
        var events = Events.Clicks("fleet-new", 400);
        foreach (var e in events)
        {
            e["context"] = new JsonObject { ["library"] = new JsonObject { ["name"] = "fleet-sdk" } };
        }

        using var http = collector.CreateClient();
        await new RetryingSender(http, deployment.WriteKey).SendAllAsync(events);

        var total = Old + events.Count;
        await ClickHouseHttp.WaitForEventsAsync(topology.ClickHouseAddress, total, TimeSpan.FromMinutes(2), "startsWith(message_id, 'fleet-')", deployment.Table, "count()");
        Assert.Equal(total, await CountAsync(deployment, "count()"));
        Assert.Equal(total, await CountAsync(deployment, "uniqExact(message_id)"));
        Assert.Equal(Old, await CountAsync(deployment, "countIf(startsWith(message_id, 'fleet-old-') AND library_name = '')"));
        Assert.Equal(events.Count, await CountAsync(deployment, "countIf(startsWith(message_id, 'fleet-new-') AND library_name = 'fleet-sdk')"));
        Assert.Equal(0, deployment.DeadLetters());
    }

    [Fact]
    public async Task A_record_newer_than_the_loader_stops_its_partition_until_a_loader_that_reads_it_loads_everything_once()
    {
        await using var deployment = new Deployment(topology, "newer-record", partitions: 1);
        await deployment.StartCollectorAsync();

        // A loader of record version 1 meets: 50 version-1 records, then 50 of version 2, then 50 of version 1 again.
        var oldLoader = await deployment.StartLoaderAsync(new Dictionary<string, string> { ["Loader__NewestRecordVersion"] = "1" });
        var now = DateTimeOffset.UtcNow;
        await ProduceAsync(deployment, Enumerable.Range(0, 150).Select(i => ("visitor", OlderRecords.Click(i is >= 50 and < 100 ? (byte)2 : (byte)1, $"newer-{i}", "visitor", now))));

        const string Held = "Partition 0 stopped at offset 50: its record is of event record version 2, newer than this loader reads (up to 1). Upgrade the loader";
        for (var deadline = DateTime.UtcNow.AddMinutes(2); !oldLoader.Output.Contains(Held, StringComparison.Ordinal);)
        {
            Assert.True(DateTime.UtcNow < deadline, "the old loader never said it holds the partition:\n" + oldLoader.Output);
            await Task.Delay(100);
        }

        // The loader says so only after loading and committing what came before the newer record, and is not ready.
        Assert.Equal(50, await CountAsync(deployment, "count()", final: false));
        using (var http = oldLoader.CreateClient())
        using (var ready = await http.GetAsync(new Uri("readyz", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("loader: partition 0 stopped at a record of a newer event record version: upgrade the loader", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await oldLoader.StopAsync();

        await deployment.StartLoaderAsync();
        await ClickHouseHttp.WaitForEventsAsync(topology.ClickHouseAddress, 150, TimeSpan.FromMinutes(2), "startsWith(message_id, 'newer-')", deployment.Table, "count()");
        Assert.Equal(150, await CountAsync(deployment, "count()", final: false));
        Assert.Equal(150, await CountAsync(deployment, "uniqExact(message_id)", final: false));
        Assert.Equal(0, deployment.DeadLetters());
    }

    private static async Task ProduceAsync(Deployment deployment, IEnumerable<(string Key, byte[] Record)> records)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = deployment.BootstrapServers, Acks = Acks.All, EnableIdempotence = true }).Build();
        foreach (var (key, record) in records)
        {
            await producer.ProduceAsync(deployment.Topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = record });
        }
    }

    private Task<long> CountAsync(Deployment deployment, string aggregate, bool final = false) =>
        ClickHouseHttp.CountAsync(topology.ClickHouseAddress, $"SELECT {aggregate} FROM {deployment.Table} {(final ? "FINAL" : string.Empty)}");
}
