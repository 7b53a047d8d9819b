namespace Tracking.Events;

/// <summary>The Segment-spec event types the collector accepts.</summary>
public static class EventTypes
{
    public const string Page = "page";
    public const string Screen = "screen";
    public const string Track = "track";
    public const string Identify = "identify";
    public const string Group = "group";
    public const string Alias = "alias";

    public static readonly string[] All = [Page, Screen, Track, Identify, Group, Alias];

    /// <summary>The interned name for a UTF-8 type value, or null when it is not a known type.</summary>
    public static string? Match(ReadOnlySpan<byte> utf8) => utf8 switch
    {
        _ when utf8.SequenceEqual("page"u8) => Page,
        _ when utf8.SequenceEqual("track"u8) => Track,
        _ when utf8.SequenceEqual("identify"u8) => Identify,
        _ when utf8.SequenceEqual("group"u8) => Group,
        _ when utf8.SequenceEqual("screen"u8) => Screen,
        _ when utf8.SequenceEqual("alias"u8) => Alias,
        _ => null,
    };
}
