namespace Tracking.Collector.Parsing;

/// <summary>The fields of one incoming Segment-spec event that the pipeline uses, as slices of the request.</summary>
internal struct ParsedEvent
{
    public string? Type;
    public Utf8Slice MessageId;
    public Utf8Slice AnonymousId;
    public Utf8Slice UserId;
    public Utf8Slice GroupId;
    public Utf8Slice Event;
    public DateTimeOffset? Timestamp;
    public DateTimeOffset? SentAt;

    public Utf8Slice SessionId;
    public Utf8Slice PageUrl;
    public Utf8Slice PagePath;
    public Utf8Slice PageTitle;
    public Utf8Slice PageReferrer;
    public Utf8Slice PageSearch;

    public bool HasCampaign;
    public Utf8Slice UtmSource;
    public Utf8Slice UtmMedium;
    public Utf8Slice UtmCampaign;
    public Utf8Slice UtmTerm;
    public Utf8Slice UtmContent;

    public Utf8Slice UserAgent;
    public Utf8Slice Locale;
    public Utf8Slice Ip;
    public ushort ScreenWidth;
    public ushort ScreenHeight;

    /// <summary>Raw JSON objects; slices of the body.</summary>
    public Utf8Slice Properties;
    public Utf8Slice Traits;

    /// <summary>Page fields found in properties (Segment's analytics.js sends them there for page calls).</summary>
    public Utf8Slice PropertiesUrl;
    public Utf8Slice PropertiesPath;
    public Utf8Slice PropertiesTitle;
    public Utf8Slice PropertiesReferrer;
    public Utf8Slice PropertiesSearch;

    /// <summary>Page or screen name and category; an alias call's former id.</summary>
    public Utf8Slice Name;
    public Utf8Slice Category;
    public Utf8Slice PreviousId;

    public Utf8Slice LibraryName;
    public Utf8Slice LibraryVersion;

    /// <summary>Raw JSON objects: <c>context.traits</c>, and the whole <c>context</c>.</summary>
    public Utf8Slice ContextTraits;
    public Utf8Slice Context;

    public readonly Utf8Slice Visitor => AnonymousId.IsEmpty ? UserId : AnonymousId;
}
