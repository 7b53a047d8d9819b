namespace Tracking.Sdk.Queueing;

/// <summary>What travels through the client's channel: an event, or a flush request behind the events before it.</summary>
internal abstract class QueueItem
{
}
