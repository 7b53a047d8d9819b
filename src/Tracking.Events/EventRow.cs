namespace Tracking.Events;

/// <summary>
/// One enriched event ready to be written: raw values are UTF-8 spans straight from the request body,
/// enriched values are shared strings, so building a row allocates nothing.
/// </summary>
public ref struct EventRow
{
    public string ProjectId;
    public ReadOnlySpan<byte> MessageId;
    public string Type;
    public ReadOnlySpan<byte> Event;
    public ReadOnlySpan<byte> AnonymousId;
    public ReadOnlySpan<byte> UserId;
    public ReadOnlySpan<byte> GroupId;
    public ReadOnlySpan<byte> SessionId;

    /// <summary>Event time after clock-skew correction, in Unix milliseconds.</summary>
    public long TimestampMs;
    public long ReceivedAtMs;

    public ReadOnlySpan<byte> PageUrl;
    public ReadOnlySpan<byte> PagePath;
    public ReadOnlySpan<byte> PageTitle;
    public ReadOnlySpan<byte> Referrer;
    public string ReferrerHost;

    public ReadOnlySpan<byte> UtmSource;
    public ReadOnlySpan<byte> UtmMedium;
    public ReadOnlySpan<byte> UtmCampaign;
    public ReadOnlySpan<byte> UtmTerm;
    public ReadOnlySpan<byte> UtmContent;

    public string Keyword;
    public string SearchEngine;

    public string Browser;
    public string BrowserVersion;
    public string Os;
    public string DeviceType;
    public bool IsBot;

    /// <summary>Anonymized client address; the raw one is never stored.</summary>
    public string Ip;
    public ReadOnlySpan<byte> UserAgent;
    public ReadOnlySpan<byte> Locale;
    public ushort ScreenWidth;
    public ushort ScreenHeight;

    /// <summary>Raw JSON object text, or empty.</summary>
    public ReadOnlySpan<byte> Properties;
    public ReadOnlySpan<byte> Traits;

    /// <summary>The page or screen name and category (Segment <c>name</c>, <c>category</c>).</summary>
    public ReadOnlySpan<byte> Name;
    public ReadOnlySpan<byte> Category;

    /// <summary>An alias call's former id (Segment <c>previousId</c>).</summary>
    public ReadOnlySpan<byte> PreviousId;

    public ReadOnlySpan<byte> LibraryName;
    public ReadOnlySpan<byte> LibraryVersion;

    /// <summary>Raw JSON objects: <c>context.traits</c>, and the whole <c>context</c> as sent.</summary>
    public ReadOnlySpan<byte> ContextTraits;
    public ReadOnlySpan<byte> Context;
}
