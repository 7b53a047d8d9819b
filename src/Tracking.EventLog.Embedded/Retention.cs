namespace Tracking.EventLog.Embedded;

/// <summary>Where retention may cut the log.</summary>
internal static class Retention
{
    /// <summary>
    /// Everything before the returned offset may go: it is committed by every group (so never beyond
    /// <paramref name="minCommitted"/>) and lies more than <paramref name="maxRetainedBytes"/> behind the tail.
    /// </summary>
    public static long TruncateUntil(long minCommitted, long tail, long maxRetainedBytes) =>
        Math.Min(minCommitted, Math.Max(0, tail - maxRetainedBytes));
}
