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

        switch (mode)
        {
            case "e2e":
                return await EndToEndBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop.Token);
            case "reports":
                return await ReportBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop.Token);
            case "kafka":
                return await KafkaBenchmark.RunAsync(BenchSettings.FromEnvironment(), stop.Token);
            case "resend-lookup":
                return await ResendLookupBenchmark.RunAsync(stop.Token);
            case "kafka-infra" when args.Length == 2 && int.TryParse(args[1], out var partitions):
                await KafkaInfraServer.RunAsync(partitions, stop.Token);
                return 0;
            case "bare-http" when args.Length == 2 && int.TryParse(args[1], out var port):
                await BareHttpServer.RunAsync(port, stop.Token);
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Tracking.LoadTest [e2e | reports | kafka | resend-lookup | bare-http PORT | kafka-infra PARTITIONS]");
                return 2;
        }
    }
}
