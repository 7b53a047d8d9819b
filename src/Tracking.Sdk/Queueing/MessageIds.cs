namespace Tracking.Sdk.Queueing;

/// <summary>Message ids: version 7 GUIDs (time-ordered, random), unique across processes and restarts.</summary>
internal static class MessageIds
{
    public static Guid Next(DateTime utcNow) => Guid.CreateVersion7(new DateTimeOffset(utcNow.Ticks, TimeSpan.Zero));
}
