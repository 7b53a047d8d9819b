using System.Threading.Channels;
using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// Group commit: appenders enqueue records, ask for a commit and wait for it; one loop turns all
/// requests that arrive while a commit is running into the next single commit (one flush + one
/// metadata write), so the number of fsyncs follows disk latency, not the request rate.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly FasterLog _log;
    private readonly ILogger _logger;

    // Capacity one with DropWrite: a pending request already covers everything enqueued before it is
    // taken, so further requests until then carry no information and must not queue up.
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly Task _loop;

    public GroupCommitter(FasterLog log, ILogger logger)
    {
        _log = log;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for a commit of everything enqueued so far; never blocks, never allocates.</summary>
    public void RequestCommit() => _requests.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        while (await _requests.Reader.WaitToReadAsync())
        {
            // Take the request before committing: the commit covers the tail as of now, and whoever
            // enqueues after this point leaves a new request for the next round.
            _requests.Reader.TryRead(out _);
            try
            {
                await _log.CommitAsync();
            }
#pragma warning disable CA1031 // The loop must survive anything: appenders would otherwise wait forever.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // FasterLog also fails the waiters of this commit, which turns into EventLogUnavailableException for
                // them; the log says once per episode that it cannot write, so this is only detail.
                Log.GroupCommitFailed(_logger, ex.Message);
            }
        }
    }
}
