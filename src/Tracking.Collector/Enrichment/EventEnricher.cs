using System.Buffers;
using System.Net;
using System.Text;
using Tracking.Collector.Parsing;
using Tracking.Enrichment;
using Tracking.Events;

namespace Tracking.Collector.Enrichment;

/// <summary>
/// Turns a parsed event into a stored event record: server time and skew correction, page and campaign
/// fallbacks, keyword and search engine, user-agent fields and bot flag, anonymized IP.
/// </summary>
internal sealed class EventEnricher(UserAgentParser userAgents)
{
    private const int MaxUserAgentChars = 1024;

    public void Write(ref ParsedEvent parsed, RequestText text, in RequestInfo request, IBufferWriter<byte> output)
    {
        var isPage = ReferenceEquals(parsed.Type, EventTypes.Page) || ReferenceEquals(parsed.Type, EventTypes.Screen);
        FillFallbacks(ref parsed, text);

        var keyword = default(KeywordResult);
        var referrerHost = string.Empty;
        if (isPage)
        {
            var referrer = Str(text[parsed.PageReferrer]);
            keyword = SearchKeyword.Extract(Str(text[parsed.UtmTerm]), referrer);
            referrerHost = SearchKeyword.ReferrerHost(referrer);
        }

        var userAgent = parsed.UserAgent.IsEmpty ? text[request.HeaderUserAgent] : text[parsed.UserAgent];
        var agent = ParseUserAgent(userAgent);

        var row = new EventRow
        {
            ProjectId = request.ProjectId,
            MessageId = text[parsed.MessageId],
            Type = parsed.Type!,
            Event = text[parsed.Event],
            AnonymousId = text[parsed.AnonymousId],
            UserId = text[parsed.UserId],
            GroupId = text[parsed.GroupId],
            SessionId = text[parsed.SessionId],
            TimestampMs = ClockSkew.Correct(parsed.Timestamp, parsed.SentAt ?? request.BatchSentAt, request.ReceivedAt).ToUnixTimeMilliseconds(),
            ReceivedAtMs = request.ReceivedAt.ToUnixTimeMilliseconds(),
            PageUrl = text[parsed.PageUrl],
            PagePath = text[parsed.PagePath],
            PageTitle = text[parsed.PageTitle],
            Referrer = text[parsed.PageReferrer],
            ReferrerHost = referrerHost,
            UtmSource = text[parsed.UtmSource],
            UtmMedium = text[parsed.UtmMedium],
            UtmCampaign = text[parsed.UtmCampaign],
            UtmTerm = text[parsed.UtmTerm],
            UtmContent = text[parsed.UtmContent],
            Keyword = isPage ? keyword.Keyword : string.Empty,
            SearchEngine = isPage ? keyword.SearchEngine : string.Empty,
            Browser = agent.Browser,
            BrowserVersion = agent.BrowserVersion,
            Os = agent.Os,
            DeviceType = agent.DeviceType,
            IsBot = agent.IsBot,
            Ip = parsed.Ip.IsEmpty ? request.AnonymizedIp : AnonymizeClaimedIp(text[parsed.Ip], request.AnonymizedIp),
            UserAgent = userAgent,
            Locale = text[parsed.Locale],
            ScreenWidth = parsed.ScreenWidth,
            ScreenHeight = parsed.ScreenHeight,
            Properties = text[parsed.Properties],
            Traits = text[parsed.Traits],
            Name = text[parsed.Name],
            Category = text[parsed.Category],
            PreviousId = text[parsed.PreviousId],
            LibraryName = text[parsed.LibraryName],
            LibraryVersion = text[parsed.LibraryVersion],
            ContextTraits = text[parsed.ContextTraits],
            Context = text[parsed.Context],
        };
        EventRecordWriter.Write(output, row);
    }

    /// <summary>Assigns what the client left out: a message id, page fields from properties, the path, UTM tags from the URL.</summary>
    public static void FillFallbacks(ref ParsedEvent parsed, RequestText text)
    {
        if (parsed.MessageId.IsEmpty)
        {
            // Without a client id a retry cannot be recognised; a server id still keys the stored row.
            parsed.MessageId = text.Add("srv-" + Guid.NewGuid().ToString("N"));
        }

        parsed.PageUrl = Either(parsed.PageUrl, parsed.PropertiesUrl);
        parsed.PagePath = Either(parsed.PagePath, parsed.PropertiesPath);
        parsed.PageTitle = Either(parsed.PageTitle, parsed.PropertiesTitle);
        parsed.PageReferrer = Either(parsed.PageReferrer, parsed.PropertiesReferrer);
        parsed.PageSearch = Either(parsed.PageSearch, parsed.PropertiesSearch);

        if (parsed.PagePath.IsEmpty && !parsed.PageUrl.IsEmpty)
        {
            var path = UrlParts.Path(text[parsed.PageUrl]);
            var (offset, length) = path.GetOffsetAndLength(parsed.PageUrl.Length);
            parsed.PagePath = new Utf8Slice(parsed.PageUrl.Start + offset, length, parsed.PageUrl.InScratch);
        }

        if (!parsed.HasCampaign)
        {
            var source = parsed.PageUrl.IsEmpty ? parsed.PageSearch : parsed.PageUrl;
            if (!source.IsEmpty && UrlParts.MayHaveCampaign(text[source]))
            {
                var campaign = CampaignParser.FromQuery(Encoding.UTF8.GetString(text[source]));
                parsed.UtmSource = text.Add(campaign.Source);
                parsed.UtmMedium = text.Add(campaign.Medium);
                parsed.UtmCampaign = text.Add(campaign.Name);
                parsed.UtmTerm = text.Add(campaign.Term);
                parsed.UtmContent = text.Add(campaign.Content);
            }
        }
    }

    private static Utf8Slice Either(Utf8Slice preferred, Utf8Slice fallback) => preferred.IsEmpty ? fallback : preferred;

    private static string? Str(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : Encoding.UTF8.GetString(utf8);

    private UserAgentInfo ParseUserAgent(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxUserAgentChars];
        var count = Encoding.UTF8.GetChars(utf8.Length > MaxUserAgentChars ? utf8[..MaxUserAgentChars] : utf8, chars);
        return userAgents.Parse(chars[..count]);
    }

    /// <summary>Server-side SDKs pass the end user's address in context.ip; it is anonymized like any other.</summary>
    private static string AnonymizeClaimedIp(ReadOnlySpan<byte> utf8, string fallback)
    {
        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return IPAddress.TryParse(chars[..count], out var address) ? IpAnonymizer.Anonymize(address) : fallback;
    }
}
