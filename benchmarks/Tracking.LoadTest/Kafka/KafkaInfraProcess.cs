using System.Diagnostics;
using System.Globalization;

namespace Tracking.LoadTest.Kafka;

/// <summary>This program in <c>kafka-infra</c> mode as a child process: the mock Kafka cluster and ClickHouse.</summary>
internal sealed class KafkaInfraProcess : IAsyncDisposable
{
    private readonly Process _process;

    private KafkaInfraProcess(Process process, string[] ready)
    {
        _process = process;
        BootstrapServers = ready[0];
        ClickHouseAddress = new Uri(ready[1]);
        ClickHouseConnectionString = ready[2];
    }

    public string BootstrapServers { get; }

    public Uri ClickHouseAddress { get; }

    public string ClickHouseConnectionString { get; }

    public int ProcessId => _process.Id;

    public static async Task<KafkaInfraProcess> StartAsync(int partitions, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(KafkaInfraServer).Assembly.Location, "kafka-infra", partitions.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the Kafka/ClickHouse helper");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line?.Split(' ') is not { Length: 3 } ready)
        {
            process.Kill();
            throw new InvalidOperationException($"the Kafka/ClickHouse helper did not start: '{line}'");
        }

        return new KafkaInfraProcess(process, ready);
    }

    /// <summary>Closing its input lets the helper close chDB cleanly; a helper that hangs is killed.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
