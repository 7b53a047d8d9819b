using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Tracking.LoadTest.Reporting.Figures;

namespace Tracking.LoadTest.Load;

/// <summary>
/// The disk's own durability latency while the host ingests: in the host's data folder, a 64 KB write
/// followed by fdatasync, every <see cref="Interval"/>, into a preallocated file it cycles through (as
/// the log writes into preallocated segments, so the flush carries no size change). The collector
/// cannot acknowledge faster than this, so <c>collectorP99Ms / flushP99Ms</c> says how much of its tail
/// is the disk and how much the rest.
/// </summary>
internal static partial class FlushProbe
{
    public const int WriteBytes = 64 * 1024;

    private const long FileBytes = 16L * 1024 * 1024;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Probes on a thread of its own until <paramref name="until"/>; the flush times in ms, sorted.</summary>
    public static Task<double[]> RunAsync(string folder, DateTime until, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(folder, until, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static (double P50Ms, double P99Ms) Percentiles(double[] sortedMs) => (Round(Percentile(sortedMs, 50), 2), Round(Percentile(sortedMs, 99), 2));

    private static double[] Run(string folder, DateTime until, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "bench-flush-probe.bin");
        var times = new List<double>(4096);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.None, FileBytes);
            var block = new byte[WriteBytes];
            Random.Shared.NextBytes(block);
            for (long offset = 0; offset < FileBytes; offset += WriteBytes)
            {
                RandomAccess.Write(file, block, offset);
            }

            Sync(file);
            for (long offset = 0; DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested; offset = (offset + WriteBytes) % FileBytes)
            {
                var started = Stopwatch.GetTimestamp();
                RandomAccess.Write(file, block, offset);
                Sync(file);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Thread.Sleep(Interval);
            }
        }
        finally
        {
            File.Delete(path);
        }

        var sorted = times.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static void Sync(SafeFileHandle file)
    {
        if (FdataSync((int)file.DangerousGetHandle()) != 0)
        {
            throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(int fd);
}
