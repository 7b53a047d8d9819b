namespace Tracking.EventLog;

/// <summary>
/// Messages this process's collector appended to the event log and its loader has not yet committed as
/// loaded: the unloaded backlog of a single node, counted in two numbers instead of asked of the log (the
/// embedded log's offsets are byte addresses, not messages). The collector adds what each request
/// appended, the loader what each batch committed; both are one interlocked add, no allocation.
/// </summary>
/// <remarks>
/// Counts start at zero with the process: a backlog left by an earlier run is not in it (it is loaded
/// first, so <see cref="Messages"/> reads 0 until the loader is past it). The host registers it only when
/// the collector and the loader run in the same process; a collector-only role has nothing to compare with.
/// </remarks>
public sealed class LogBacklog
{
    private long _appended;
    private long _loaded;
    /// <summary>Messages committed as loaded since the process started.</summary>
    public long Loaded => Interlocked.Read(ref _loaded);

    /// <summary>Appended and not yet loaded (never below 0: see the remarks).</summary>
    public long Messages => Math.Max(0, Interlocked.Read(ref _appended) - Interlocked.Read(ref _loaded));

    public void AddAppended(int messages) => Interlocked.Add(ref _appended, messages);

    public void AddLoaded(int messages) => Interlocked.Add(ref _loaded, messages);
}
