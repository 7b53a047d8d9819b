using System.Runtime.InteropServices;

namespace Tracking.ClickHouse.Embedded.Native;

/// <summary>The CPU priority (nice value) of the calling OS thread.</summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Sets the calling thread's nice value. On Linux the nice value belongs to the thread, and threads it
    /// starts inherit it. False where there is no such thing (not Linux) or the kernel refused (raising
    /// priority needs CAP_SYS_NICE; lowering it never does).
    /// </summary>
    public static bool TrySet(int nice) => OperatingSystem.IsLinux() && SetPriority(PrioProcess, 0, nice) == 0;

    // who = 0 is the calling thread under Linux (NPTL threads each have their own nice value).
    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int prio);
}
