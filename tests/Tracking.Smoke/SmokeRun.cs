using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Smoke;

/// <summary>
/// The cluster topology on one machine: a collector and a loader as separate host processes over a real
/// Kafka broker, the loader SIGKILLed about halfway through loading and restarted on the same data, then
/// the landing report (all groupings) compared with the one computed from the generated sessions.
/// </summary>
internal static class SmokeRun
{
    internal const int Seed = 20261123;
    internal const int Resent = 1000;

    public static async Task<int> RunAsync(SmokeOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(options.Timeout);

        var stopped = false;

        // SIGTERM or Ctrl-C end the run like the time limit does: the finally below stops the hosts.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        var run = new Topology(options);
        try
        {
            var summary = await RunAsync(run, options, cts.Token);
            Console.WriteLine($"smoke-kafka: OK {summary} in {clock.Elapsed.TotalSeconds:F0} s");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException or IOException)
        {
            var reason = stopped ? "stopped by a signal" : cts.IsCancellationRequested ? $"timed out after {options.Timeout.TotalSeconds:F0} s" : e.Message;
            Console.WriteLine($"smoke-kafka: FAIL {FirstLine(reason)} (after {clock.Elapsed.TotalSeconds:F0} s; logs in {options.WorkDir})");
            Console.Error.WriteLine(e);
            return 1;
        }
        finally
        {
            await run.DisposeAsync();
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped = true;
            cts.Cancel();
        }
    }

    private static async Task<string> RunAsync(Topology run, SmokeOptions options, CancellationToken cancel)
    {
        var from = TruncateToSecond(DateTimeOffset.UtcNow.AddHours(-30));
        var to = from.AddHours(20);
        var dataset = LandingDataset.Generate(Seed, options.Sessions, from, to);
        var events = dataset.Events.Select(e => e.Json).ToList();
        Progress($"{events.Count} events in {dataset.Sessions.Count} sessions; starting the loader and the collector");

        var loader = run.NewLoader();
        await Task.WhenAll(loader.StartAsync(TimeSpan.FromSeconds(120), cancel), run.Collector.StartAsync(TimeSpan.FromSeconds(120), cancel));

        // Ingest keeps going while the loader dies: the collector depends only on Kafka.
        var sending = Task.Run(() => SendTwiceAsync(run, events, cancel), cancel);
        var loadedAtKill = await WaitForLoadedAsync(loader.ClickHouseAddress, events.Count / 2, cancel);
        loader.Kill();
        Progress($"loader SIGKILLed with {loadedAtKill}/{events.Count} events queryable (ingest {(sending.IsCompleted ? "done" : "still running")}); restarting it");

        loader = run.NewLoader();
        await loader.StartAsync(TimeSpan.FromSeconds(120), cancel);
        var (accepted, retries) = await sending;
        if (accepted != events.Count + Resent)
        {
            throw new InvalidOperationException($"the collector acknowledged {accepted} of {events.Count + Resent} events");
        }

        // Distinct ids reach the dataset's count before the resent copies load: wait until the loader
        // committed the whole topic, so the copies are in ClickHouse and the checks below see them.
        await WaitForLoadedAsync(loader.ClickHouseAddress, events.Count, cancel);
        await GroupProgress.WaitUntilCommittedToEndAsync(
            LegacyKafka.Consumer(options.Bootstrap, Topology.LoaderGroup), Topology.EventTopic, TimeSpan.FromMinutes(3), LegacyKafka.Log, cancel);
        var raw = await ClickHouseHttp.CountAsync(loader.ClickHouseAddress, "SELECT count() FROM tracking.events");
        var stored = await ClickHouseHttp.CountAsync(loader.ClickHouseAddress, "SELECT count() FROM tracking.events FINAL");
        Progress($"all {events.Count} events queryable: {raw} rows before deduplication, {stored} after; {retries} batches retried after 503");
        if (stored != events.Count)
        {
            throw new InvalidOperationException($"{stored} distinct stored events, expected {events.Count}");
        }

        var problems = await ReportCheck.CompareAsync(loader.BaseAddress, run.ReadKey, dataset.Sessions, from, to, cancel);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine("smoke: " + problem);
            }

            throw new InvalidOperationException($"report differs in {problems.Count} figures, first: {problems[0]}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{events.Count} events, {dataset.Sessions.Count} sessions, loader killed at {loadedAtKill}/{events.Count} and restarted, report exact ({ReportCheck.Groupings.Length} groupings)");
    }

    /// <summary>All events, then the first ones again: a client that lost responses resends, reports count each messageId once.</summary>
    private static async Task<(int Accepted, int Retries)> SendTwiceAsync(Topology run, List<JsonObject> events, CancellationToken cancel)
    {
        var first = await EventSender.SendAsync(run.Collector.BaseAddress, run.WriteKey, events, cancel);
        var again = await EventSender.SendAsync(run.Collector.BaseAddress, run.WriteKey, events.Take(Resent).ToList(), cancel);
        return (first.Accepted + again.Accepted, first.Retries + again.Retries);
    }

    /// <returns>How many distinct events were queryable when at least <paramref name="threshold"/> were.</returns>
    private static async Task<long> WaitForLoadedAsync(Uri clickHouse, long threshold, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                var loaded = await ClickHouseHttp.CountAsync(clickHouse, "SELECT uniqExact(message_id) FROM tracking.events");
                if (loaded >= threshold)
                {
                    return loaded;
                }
            }
            catch (InvalidOperationException)
            {
                // The events table appears with the loader's first migration.
            }

            await Task.Delay(50, cancel);
        }
    }

    private static void Progress(string message) => Console.Error.WriteLine($"smoke: {DateTime.UtcNow:HH:mm:ss} {message}");

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
