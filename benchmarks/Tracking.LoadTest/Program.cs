using Tracking.LoadTest.Ceilings;
using Tracking.LoadTest.EndToEnd;
using Tracking.LoadTest.Kafka;
using Tracking.LoadTest.Reports;

namespace Tracking.LoadTest;

/// <summary>
/// <c>e2e</c> (default): the end-to-end benchmark with both ceilings; <c>reports</c>: report queries over
/// 10M events; <c>kafka</c>: collector and loader roles over librdkafka's mock cluster; <c>resend-lookup</c>:
/// the loader's cost of storing first copies only; <c>bare-http PORT</c>:
/// the bare Kestrel endpoint of the HTTP ceiling (started by <c>e2e</c>); <c>kafka-infra PARTITIONS</c>: the
/// mock cluster and ClickHouse of <c>kafka</c> (started by it).
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "e2e";
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            return await RunAsync(mode, args, stop.Token);
        }
        catch (Exception e)
        {
            // One line, never a stack trace: what failed is in the message (the figures so far are written).
            var reason = e is OperationCanceledException && stop.IsCancellationRequested ? "interrupted" : e.Message;
            await Console.Error.WriteLineAsync($"Tracking.LoadTest {mode} failed: {reason.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(string mode, string[] args, CancellationToken stop)
    {
        switch (mode)
        {
            case "e2e":
                return await EndToEndBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop);
            case "reports":
                return await ReportBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop);
            case "kafka":
                return await KafkaBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop);
            case "resend-lookup":
                return await ResendLookupBenchmark.RunAsync(stop);
            case "kafka-infra" when args.Length == 2 && int.TryParse(args[1], out var partitions):
                await KafkaInfraServer.RunAsync(partitions, stop);
                return 0;
            case "bare-http" when args.Length == 2 && int.TryParse(args[1], out var port):
                await BareHttpServer.RunAsync(port, stop);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Tracking.LoadTest [e2e | reports | kafka | resend-lookup | bare-http PORT | kafka-infra PARTITIONS]");
                return 2;
        }
    }
}
