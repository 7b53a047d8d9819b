using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// One opening of the log's files: the segment device, the commit records, the FasterLog recovered from them
/// and its group committer.
/// </summary>
/// <remarks>
/// A FasterLog whose write failed stays failed: every later commit throws the first failure. So a failed
/// opening is closed without a commit and the files are opened again (<see cref="EmbeddedEventLog"/>), which
/// recovers to the last commit record: everything acknowledged, and new appends overwrite what was written
/// after it.
/// </remarks>
internal sealed class LogGeneration
{
    private readonly WriteFailureDetectingDevice _device;
    private readonly CommitRecordFile _commits;
    private int _faulted;
    private int _closed;

    public LogGeneration(string logDirectory, string segmentBasePath, EmbeddedEventLogOptions options, ILogger logger)
    {
        _device = new WriteFailureDetectingDevice(Devices.CreateLogDevice(
            segmentBasePath, preallocateFile: false, deleteOnClose: false, recoverDevice: true));
        try
        {
            _commits = new CommitRecordFile(logDirectory, _device);
            Log = new FasterLog(
                new FasterLogSettings
                {
                    LogDevice = _device,
                    LogCommitManager = _commits,
                    PageSize = options.PageSizeBytes,
                    MemorySize = options.MemorySizeBytes,
                    SegmentSize = options.SegmentSizeBytes,

                    // FasterLog's constructor swallows recovery errors and starts empty; recovering
                    // explicitly below lets a damaged log fail loudly instead of losing data silently.
                    TryRecoverLatest = false,
                },
                logger);
            Log.Recover();
        }
        catch
        {
            Log?.Dispose();
            _commits?.Dispose();
            _device.Dispose();
            throw;
        }

        Committer = new GroupCommitter(Log, logger);
    }

    public FasterLog Log { get; }

    public GroupCommitter Committer { get; }

    /// <summary>A write failed: what FasterLog reports as committed from now on may not be on disk.</summary>
    public bool WriteFailed => _device.WriteFailed;

    /// <summary>Marks this opening as failed; true for the first caller only, who arranges the reopening.</summary>
    public bool TryFault() => Interlocked.Exchange(ref _faulted, 1) == 0;

    public bool Faulted => Volatile.Read(ref _faulted) != 0;

    /// <summary>Closes the files; with <paramref name="commit"/> (a healthy log shutting down) after a last commit.</summary>
    public async ValueTask CloseAsync(bool commit, ILogger logger)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        if (commit && !Faulted)
        {
            await Committer.DisposeAsync();
            try
            {
                await Log.CommitAsync();
            }
            catch (FasterException ex)
            {
                Embedded.Log.CommitFailed(logger, ex);
            }

            Log.Dispose();
        }
        else
        {
            // Writes still in flight read the log's memory, and one landing after the reopened log wrote the
            // same offsets would overwrite what it acknowledged: let them finish first. Disposing then fails
            // the waiters of a commit that will never come (ObjectDisposedException), the committer's too.
            await _device.WaitForWritesAsync();
            Log.Dispose();
            await Committer.DisposeAsync();
        }

        _commits.Dispose();
        _device.Dispose();
    }
}
