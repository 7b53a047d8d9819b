namespace Tracking.Sdk.Queueing;

/// <summary>
/// Queued by <see cref="TrackingClient.FlushAsync"/>: completes once every event queued before it
/// has been answered for by the collector (delivered or dropped).
/// </summary>
internal sealed class FlushMarker : QueueItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Abandon() => _done.TrySetCanceled();
}
