using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;
using Tracking.Events.Schema;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>An insert ClickHouse refuses for good must not stall the loader.</summary>
public sealed class InsertRefusalTests
{
    [Fact]
    public async Task A_batch_spanning_120_monthly_partitions_is_inserted_in_pieces_and_the_events_after_it_load()
    {
        // ClickHouse refuses an insert touching more than 100 partitions (max_partitions_per_insert_block),
        // however often it is retried. Such records can only reach the log from outside today's collector
        // (it bounds event times), so they are put in the log directly, as an older collector could have.
        const int Months = 120;
        using var data = new TempDirectory("tracking-refusal");
        await using (var log = new EmbeddedEventLog(new EmbeddedEventLogOptions { Directory = Path.Combine(data.Path, "log") }, NullLogger<EmbeddedEventLog>.Instance))
        {
            var start = new DateTimeOffset(2020, 1, 15, 12, 0, 0, TimeSpan.Zero);
            var records = Enumerable.Range(0, Months)
                .Select(i => new LogMessage(Encoding.UTF8.GetBytes("v"), OlderRecords.Click(EventSchema.CurrentVersion, $"months-{i}", "v", start.AddMonths(i))))
                .ToList();
            await log.AppendAsync(records, CancellationToken.None);
        }

        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
        await host.StartAsync();
        using (var http = host.CreateClient())
        {
            var after = new JsonObject { ["type"] = "track", ["event"] = "click", ["messageId"] = "months-after", ["anonymousId"] = "v" };
            Assert.Equal(1, await CollectorClient.SendAllAsync(http, host.WriteKey, [after]));
        }

        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, Months + 1, where: "startsWith(message_id, 'months-')", aggregate: "count()");
        Assert.Equal(Months + 1, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, "SELECT uniqExact(message_id) FROM tracking.events WHERE startsWith(message_id, 'months-')"));
        Assert.Equal(Months, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, "SELECT uniqExact(toYYYYMM(timestamp)) FROM tracking.events WHERE startsWith(message_id, 'months-') AND message_id != 'months-after'"));
        Assert.Equal(0, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, "SELECT count() FROM tracking.dead_letters"));
        Assert.Contains("Too many partitions for single INSERT block", host.Output, StringComparison.Ordinal);
    }
}
