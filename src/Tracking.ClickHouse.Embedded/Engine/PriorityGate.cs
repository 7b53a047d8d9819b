namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>Who waits first for the single chDB connection.</summary>
internal enum QueryPriority
{
    /// <summary>The host's own statements: loader inserts, report queries, migrations.</summary>
    Internal,

    /// <summary>Ad-hoc queries of read-only users; bounded by max_execution_time.</summary>
    Analyst,
}

/// <summary>
/// A one-holder lock that hands the connection to a waiting internal statement before any waiting
/// analyst query. chDB cannot pause a running query, so an internal statement still waits for the one
/// that holds the connection, which for an analyst query is bounded by its max_execution_time; it
/// never waits behind a queue of them. Analyst queries are served in arrival order when no internal
/// statement waits (the loader leaves gaps between batches).
/// </summary>
internal sealed class PriorityGate
{
    private readonly Queue<TaskCompletionSource>[] _waiting = [new(), new()];
    private readonly Lock _lock = new();
    private bool _held;

    public Task WaitAsync(QueryPriority priority, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[(int)priority].Enqueue(waiter);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return waiter.Task;
        }

        // Cancelled before its turn, a waiter gives up its place (Release skips it); once its turn
        // came, cancelling does nothing and the caller holds the gate.
        var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return waiter.Task.ContinueWith(
            t =>
            {
                registration.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    public void Release()
    {
        lock (_lock)
        {
            foreach (var queue in _waiting)
            {
                while (queue.TryDequeue(out var next))
                {
                    // A waiter cancelled meanwhile is skipped; the gate goes to the next one.
                    if (next.TrySetResult())
                    {
                        return;
                    }
                }
            }

            _held = false;
        }
    }
}
