using Tracking.EventLog.Embedded;

namespace Tracking.EventLog.Tests;

/// <summary>
/// Entry point of this assembly when run as the crash test's child process: appends from several
/// tasks forever and prints "acked {writer} {last}" after each acknowledged batch, until killed.
/// </summary>
public static class CrashChild
{
    public const string Command = "append-until-killed";
    public const int Writers = 4;
    public const int BatchSize = 40;

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command, var directory])
        {
            return 2;
        }

        // Never disposed: the parent kills this process with SIGKILL.
        var log = TestLogs.Open(directory);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var next = 0; ; next += BatchSize)
            {
                await log.AppendAsync(TestLogs.Messages($"w{w}", next, BatchSize), CancellationToken.None);
                Console.WriteLine($"acked {w} {next + BatchSize - 1}");
            }
        }));
        await Task.WhenAll(writers);
        return 0;
    }
}
