using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>
/// Generates landing-page traffic whose every report figure is known by construction: sessions with
/// chosen keywords (utm_term, search referrers with Chinese queries, none), landing pages, bounces,
/// clicks, leads, bots, and visitors whose sessions the server must split on 30 minutes of inactivity.
/// </summary>
public sealed class LandingDataset
{
    public const string ChromeUa = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    public const string IphoneUa = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public const string BotUa = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";

    private static readonly string[] Keywords = ["免费CRM", "客户管理系统", "营销自动化", "crm tool", "lead generation", "销售 漏斗"];
    private static readonly string[] Pages = ["/", "/pricing", "/features/crm", "/landing/spring-sale"];

    /// <summary>Clickable elements: repeated selectors with different texts, and one text under two selectors.</summary>
    private static readonly (string Selector, string Text)[] Elements = [("a.cta", "Buy now"), ("a.cta", "Try free"), ("#buy", "Buy now"), ("button.menu", "Menu")];

    /// <summary>Outbound links: the selector, text and host of each.</summary>
    private static readonly (string Selector, string Text, string Host)[] OutboundLinks = [("a.ext", "GitHub", "github.com"), ("a.ext", "Docs", "docs.example.org")];

    /// <summary>Viewport widths per device, on both sides of the heatmap's class edges (768 tablet, 1024 desktop).</summary>
    private static readonly int[] MobileWidths = [375, 767, 820];
    private static readonly int[] DesktopWidths = [1023, 1024, 1920];

    private readonly Random _random;
    private readonly List<GeneratedEvent> _events = [];
    private readonly List<GeneratedSession> _sessions = [];

    private LandingDataset(int seed) => _random = new Random(seed);

    public IReadOnlyList<GeneratedEvent> Events => _events;

    public IReadOnlyList<GeneratedSession> Sessions => _sessions;

    /// <param name="rangeStart">Sessions start from one hour before this to one hour after <paramref name="rangeEnd"/>.</param>
    public static LandingDataset Generate(int seed, int sessionCount, DateTimeOffset rangeStart, DateTimeOffset rangeEnd)
    {
        var dataset = new LandingDataset(seed);
        var span = rangeEnd - rangeStart + TimeSpan.FromHours(2);
        var made = 0;
        while (made < sessionCount)
        {
            var start = rangeStart - TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(dataset._random.NextInt64((long)span.TotalMilliseconds));
            var visitor = "v-" + Guid.NewGuid().ToString("N");
            if (dataset._random.Next(4) == 0)
            {
                // A visitor without client session ids: 2-3 sessions the server must split.
                var sessions = 2 + dataset._random.Next(2);
                var at = start;
                for (var i = 0; i < sessions && made < sessionCount; i++, made++)
                {
                    var last = dataset.AddSession(visitor, sessionId: null, at);
                    // Exactly 30 minutes of silence already starts a new session; make a few sit on that edge.
                    at = last + (dataset._random.Next(5) == 0 ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(31 + dataset._random.Next(240)));
                }
            }
            else
            {
                dataset.AddSession(visitor, "s-" + Guid.NewGuid().ToString("N"), start);
                made++;
            }
        }

        return dataset;
    }

    /// <returns>The time of the session's last event.</returns>
    private DateTimeOffset AddSession(string visitor, string? sessionId, DateTimeOffset start)
    {
        var index = _sessions.Count;
        var page = Pages[_random.Next(Pages.Length)];
        var isBot = _random.Next(25) == 0;
        var device = isBot ? "bot" : _random.Next(3) == 0 ? "mobile" : "desktop";
        var userAgent = device switch { "bot" => BotUa, "mobile" => IphoneUa, _ => ChromeUa };
        var (keyword, source, engine, referrer, campaign, urlQuery) = PickSource();
        var viewportWidth = device == "mobile" ? MobileWidths[_random.Next(MobileWidths.Length)] : DesktopWidths[_random.Next(DesktopWidths.Length)];
        var documentHeight = 1500 + _random.Next(3000);

        var time = start;
        var pageViews = 0;
        var interactions = 0;
        var hasLead = false;

        void Add(string type, string? name, string path, JsonObject? properties, string? eventReferrer = null, JsonObject? eventCampaign = null, string query = "")
        {
            var messageId = "m-" + Guid.NewGuid().ToString("N");
            var context = new JsonObject
            {
                ["page"] = new JsonObject { ["url"] = "https://www.example.cn" + path + query, ["path"] = path, ["title"] = "Example " + path, ["referrer"] = eventReferrer ?? string.Empty },
                ["userAgent"] = userAgent,
                ["locale"] = "zh-CN",
                ["screen"] = new JsonObject { ["width"] = 1920, ["height"] = 1080 },
            };
            if (sessionId is not null)
            {
                context["sessionId"] = sessionId;
            }

            if (eventCampaign is not null)
            {
                context["campaign"] = eventCampaign;
            }

            var json = new JsonObject
            {
                ["type"] = type,
                ["messageId"] = messageId,
                ["anonymousId"] = visitor,
                ["timestamp"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["context"] = context,
            };
            if (name is not null)
            {
                json["event"] = name;
            }

            if (properties is not null)
            {
                json["properties"] = properties;
            }

            _events.Add(new GeneratedEvent(messageId, visitor, index, time, type, name, json));
        }

        Add("page", null, page, new JsonObject { ["title"] = "landing" }, referrer, campaign, urlQuery);
        pageViews++;

        var shape = _random.Next(10);
        var steps = shape switch
        {
            < 4 => 0,                        // bounce: one page, at most system events
            < 6 => 1 + _random.Next(3),      // a few more pages and clicks
            _ => 3 + _random.Next(12),       // engaged visit
        };
        var path = page;
        for (var i = 0; i < steps; i++)
        {
            time += TimeSpan.FromSeconds(5 + _random.Next(600));
            switch (_random.Next(6))
            {
                case 0 or 1:
                    // Leaving a page for the next may report how far it was scrolled (the snippet does on hide).
                    if (_random.Next(2) == 0)
                    {
                        Add("track", "page_leave", path, new JsonObject { ["engaged_ms"] = 1000, ["scroll_pct"] = _random.Next(101) });
                        time += TimeSpan.FromSeconds(1);
                    }

                    path = Pages[_random.Next(Pages.Length)];
                    Add("page", null, path, null, "https://www.example.cn" + page);
                    pageViews++;
                    break;
                case 2 or 3:
                    var (selector, text) = Elements[_random.Next(Elements.Length)];
                    Add("track", "click", path, ClickProperties(selector, text, viewportWidth, documentHeight));
                    interactions++;
                    break;
                case 4:
                    // Outbound: the exit target when nothing but system events follows it.
                    var link = OutboundLinks[_random.Next(OutboundLinks.Length)];
                    var outbound = ClickProperties(link.Selector, link.Text, viewportWidth, documentHeight);
                    outbound["host"] = link.Host;
                    outbound["url"] = "https://" + link.Host + "/example";
                    Add("track", "outbound", path, outbound);
                    interactions++;
                    break;
                default:
                    Add("track", "lead", path, new JsonObject { ["form"] = "#contact", ["fields"] = new JsonArray("email", "phone") });
                    interactions++;
                    hasLead = true;
                    break;
            }
        }

        // System events never rescue a bounce.
        if (_random.Next(2) == 0)
        {
            time += TimeSpan.FromSeconds(1 + _random.Next(120));
            Add("track", "heartbeat", path, null);
        }

        time += TimeSpan.FromSeconds(1 + _random.Next(60));
        var leave = new JsonObject { ["engaged_ms"] = 1000 };
        if (_random.Next(5) != 0)
        {
            leave["scroll_pct"] = _random.Next(101);
        }

        Add("track", "page_leave", path, leave);

        _sessions.Add(new GeneratedSession(index, visitor, page, keyword, source, engine, device, isBot, start, time, pageViews, interactions, hasLead));
        return time;
    }

    /// <summary>
    /// A click as the snippet reports it: page position x/y, viewport fraction vx/vy, viewport vw/vh, document
    /// dw/dh. Some clicks sit on the viewport's right edge (vx = 1, the heatmap's last column).
    /// </summary>
    private JsonObject ClickProperties(string selector, string text, int viewportWidth, int documentHeight)
    {
        var clientX = _random.Next(10) == 0 ? viewportWidth : _random.Next(viewportWidth);
        var clientY = _random.Next(800);
        var pageY = clientY + _random.Next(documentHeight - 800);
        return new JsonObject
        {
            ["selector"] = selector,
            ["tag"] = selector.StartsWith('#') ? "a" : selector.Split('.')[0],
            ["text"] = text,
            ["x"] = clientX,
            ["y"] = pageY,
            ["vx"] = (double)clientX / viewportWidth,
            ["vy"] = clientY / 800.0,
            ["vw"] = viewportWidth,
            ["vh"] = 800,
            ["dw"] = viewportWidth,
            ["dh"] = documentHeight,
        };
    }

    /// <summary>
    /// Where the visit came from, and the keyword docs/definitions.md assigns to it, its source (search engine, else
    /// utm_source, else referrer host, else (direct)) and search engine.
    /// </summary>
    private (string Keyword, string Source, string Engine, string Referrer, JsonObject? Campaign, string UrlQuery) PickSource()
    {
        var word = Keywords[_random.Next(Keywords.Length)];
        var escaped = Uri.EscapeDataString(word);
        return _random.Next(12) switch
        {
            0 => (word, "baidu", "baidu", "https://www.baidu.com/s?wd=" + Uri.EscapeDataString("别的词"), new JsonObject { ["source"] = "baidu", ["medium"] = "cpc", ["term"] = word }, string.Empty),
            1 => (word, "newsletter", "(none)", string.Empty, null, "?utm_source=newsletter&utm_term=" + escaped),
            2 => (word, "baidu", "baidu", "https://www.baidu.com/s?ie=utf-8&wd=" + escaped + "&rsv_spt=1", null, string.Empty),
            3 => (word, "baidu", "baidu", "https://m.baidu.com/s?word=" + escaped, null, string.Empty),
            4 => (word, "sogou", "sogou", "https://www.sogou.com/web?query=" + escaped + "&ie=utf8", null, string.Empty),
            5 => (word, "360", "360", "https://www.so.com/s?q=" + escaped, null, string.Empty),
            6 => (word, "google", "google", "https://www.google.com/search?q=" + escaped.Replace("%20", "+", StringComparison.Ordinal) + "&hl=en", null, string.Empty),
            7 => (word, "bing", "bing", "https://www.bing.com/search?q=" + Uri.EscapeDataString("  " + word + " "), null, string.Empty),
            8 => ("(not provided)", "google", "google", "https://www.google.com/", null, string.Empty),
            9 => ("(none)", "news.example.org", "(none)", "https://news.example.org/article/42", null, string.Empty),
            _ => ("(none)", "(direct)", "(none)", string.Empty, null, string.Empty),
        };
    }
}
