using System.Globalization;
using Tracking.Host.Keys;
using Tracking.Testing;

namespace Tracking.LoadTest.Ceilings;

/// <summary>
/// <c>resend-lookup</c>: what storing first copies only costs the loader. A fresh host loads the landing
/// dataset; its rows, each exported under <see cref="IdCopies"/> distinct ids, are then inserted as the
/// insert ceiling does, alternately without and with the loader's lookup of each batch's ids before the
/// insert and the recording of them after (<see cref="InsertCeiling"/>), twice each, then with the lookup
/// over a message_ids table already holding a week of ids. Prints the figures.
/// </summary>
internal static class ResendLookupBenchmark
{
    private const int IdCopies = 8;
    private const int Rows = 1_000_000;

    /// <summary>A week of ids at about 1.4 million events a day.</summary>
    private const long IdsStoredWeek = 10_000_000;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var data = new TempDirectory();
        await using var host = new HostProcess(data.Path);
        await host.StartAsync(cancel: cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var dataset = LandingDataset.Generate(seed: 20261204, sessionCount: 20_000, now.AddDays(-30), now.AddDays(-1));
        using (var http = host.CreateClient())
        {
            await CollectorClient.SendAllAsync(http, host.WriteKey, dataset.Events.Select(e => e.Json).ToList());
        }

        await LoadMarker.SendAndWaitAsync(host);
        var password = SqlPasswords.Load(host.DataDir, host.AnalystPassword).InternalPassword;
        Console.WriteLine("| lookup | ids stored before | rows | s | rows/s | host CPU µs/row | load avg |");
        Console.WriteLine("|---|---|---|---|---|---|---|");

        // As the host's own user: exporting a million rows takes longer than an analyst query may.
        foreach (var (lookUp, idsStored) in new[] { (false, 0L), (true, 0L), (false, 0L), (true, 0L), (true, IdsStoredWeek) })
        {
            var (rows, seconds, cpu) = await InsertCeiling.MeasureAsync(host.InternalClickHouseAddress, password, host.ProcessId!.Value, Rows, cancellationToken, lookUp, IdCopies, idsStored);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(lookUp ? "yes" : "no")} | {idsStored:N0} | {rows:N0} | {seconds:F2} | {rows / seconds:N0} | {cpu * 1e6 / rows:F1} | {Machine.LoadAverage()} |"));
        }

        await host.StopAsync();
        return 0;
    }
}
