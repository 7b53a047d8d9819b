namespace Tracking.Sdk.Queueing;

/// <summary>The Segment-spec types the SDK emits.</summary>
internal enum EventType : byte
{
    Track,
    Page,
    Identify,
    Group,
}
