using System.Collections.Concurrent;
using Tracking.ClickHouse.Embedded.Native;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>
/// The one OS thread that calls into chDB, at a lower CPU priority than the rest of the process.
/// chDB runs one statement at a time per connection anyway; what the thread adds is that every thread
/// chDB starts (merges, insert and query pipelines) descends from it and inherits its nice value, so on
/// a busy machine the engine's work yields the CPU to the collector's requests.
/// </summary>
internal sealed class EngineThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public EngineThread(int nice)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(nice, started)) { IsBackground = true, Name = "chDB engine" };
        _thread.Start();
        NiceApplied = started.Task.GetAwaiter().GetResult();
    }

    /// <summary>False when the nice value could not be set (not Linux, or refused): the engine then runs at normal priority.</summary>
    public bool NiceApplied { get; }

    /// <summary>Runs <paramref name="work"/> on the engine thread after everything queued before it.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                result.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                result.TrySetResult(work());
            }
#pragma warning disable CA1031 // Whatever the work throws belongs to its caller, not to the engine thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.TrySetException(e);
            }
        },
        CancellationToken.None);

        // A caller that gives up stops waiting now; its statement is skipped when its turn comes.
        return result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs what is queued, then ends the thread.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Run(int nice, TaskCompletionSource<bool> started)
    {
        started.SetResult(nice == 0 || ThreadNice.TrySet(nice));
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
