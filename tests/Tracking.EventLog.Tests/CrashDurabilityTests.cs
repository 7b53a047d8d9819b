using System.Diagnostics;
using System.Globalization;
using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_message_survives_kill_9_of_the_appending_process()
    {
        using var dir = new TempDirectory("eventlog-crash");
        var acked = new long[CrashChild.Writers];
        Array.Fill(acked, -1);

        using (var child = StartChild(dir.Path))
        {
            var ackLines = 0;
            while (ackLines < 300)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                    ?? throw new InvalidOperationException("child exited: " + await child.StandardError.ReadToEndAsync());
                Record(line, acked);
                ackLines++;
            }

            // SIGKILL while the writers keep appending: no dispose, no final commit, no flush.
            child.Kill();
            await child.WaitForExitAsync();

            // Acknowledgements printed before the kill still sit in the pipe.
            foreach (var line in (await child.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Record(line, acked);
            }
        }

        await using var log = TestLogs.Open(dir.Path);
        await using var reader = log.CreateReader("loader");
        var names = TestLogs.Names(await TestLogs.ReadToEndAsync(reader));
        for (var w = 0; w < CrashChild.Writers; w++)
        {
            // Each writer's messages form an unbroken prefix reaching at least its last acknowledgement.
            var sequence = WriterSequence(names, w);
            Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
            Assert.True(sequence.Count - 1 >= acked[w], $"writer {w}: acknowledged up to {acked[w]}, recovered {sequence.Count}");
        }

        // The recovered log keeps working across page boundaries: append more and read everything again.
        await log.AppendAsync(TestLogs.Messages("after", 0, 1000), CancellationToken.None);
        reader.Seek(0, 0);
        var again = TestLogs.Names(await TestLogs.ReadToEndAsync(reader));
        Assert.Equal(names.Concat(Enumerable.Range(0, 1000).Select(i => $"after-{i}")), again);
    }

    private static Process StartChild(string directory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { typeof(CrashChild).Assembly.Location, CrashChild.Command, directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
    }

    private static void Record(string line, long[] acked)
    {
        var parts = line.Split(' ');
        Assert.Equal("acked", parts[0]);
        var writer = int.Parse(parts[1], CultureInfo.InvariantCulture);
        acked[writer] = Math.Max(acked[writer], long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static List<int> WriterSequence(List<string> names, int writer)
    {
        var prefix = $"w{writer}-";
        return [.. names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => int.Parse(n[prefix.Length..], CultureInfo.InvariantCulture))];
    }
}
