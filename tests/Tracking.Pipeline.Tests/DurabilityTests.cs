using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_events_survive_kill_9_and_are_stored_exactly_once()
    {
        using var data = new TempDirectory("tracking-durability");
        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.100" });
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var attempted = new ConcurrentDictionary<string, bool>();

        for (var round = 0; round < 2; round++)
        {
            await host.StartAsync();
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(s => SendUntilStoppedAsync(host, $"r{round}s{s}", acknowledged, attempted, stop.Token)).ToList();

            // Let data flow through collector, log and loader, then pull the plug in the middle of it.
            while (acknowledged.Count < (round + 1) * 3000)
            {
                await Task.Delay(50);
            }

            host.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        await host.StartAsync();

        // Events sent but not acknowledged may be stored too, so a plain count can reach the acknowledged total
        // early: wait until every acknowledged id is there (or the deadline passes and the assertion names them).
        var stored = await StoredAsync(host);
        for (var deadline = DateTime.UtcNow.AddSeconds(120); acknowledged.Keys.Any(id => !stored.ContainsKey(id)) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(500);
            stored = await StoredAsync(host);
        }

        var lost = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged events lost, e.g. {string.Join(", ", lost.Take(5))}");
        var doubled = stored.Where(kv => kv.Value > 1).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} events stored more than once (no FINAL), e.g. {string.Join(", ", doubled.Take(5))}");
        Assert.All(stored.Keys, id => Assert.True(attempted.ContainsKey(id), $"{id} was never sent"));
    }

    private static async Task<Dictionary<string, int>> StoredAsync(HostProcess host)
    {
        await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, 1, TimeSpan.FromSeconds(120), "startsWith(message_id, 'dur-')");
        return (await ClickHouseHttp.QueryAsync(host.ClickHouseAddress, "SELECT message_id, count() FROM tracking.events WHERE startsWith(message_id, 'dur-') GROUP BY message_id FORMAT TSV"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(cells => cells[0], cells => int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task SendUntilStoppedAsync(HostProcess host, string sender, ConcurrentDictionary<string, bool> acknowledged, ConcurrentDictionary<string, bool> attempted, CancellationToken stop)
    {
        using var http = host.CreateClient();
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var ids = Enumerable.Range(0, 50).Select(i => $"dur-{sender}-{batch}-{i}").ToList();
            var events = ids.Select(id => new JsonObject
            {
                ["type"] = "track",
                ["event"] = "click",
                ["messageId"] = id,
                ["anonymousId"] = "visitor-" + sender,
            }).ToList();
            foreach (var id in ids)
            {
                attempted[id] = true;
            }

            try
            {
                using var response = await http.SendAsync(CollectorClient.Batch(host.WriteKey, events), stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    foreach (var id in ids)
                    {
                        acknowledged[id] = true;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The host died mid-request: these events were not acknowledged, so they may or may not be stored.
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }
    }
}
