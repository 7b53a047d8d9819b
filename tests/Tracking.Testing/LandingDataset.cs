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
            switch (_random.Next(5))
            {
                case 0 or 1:
                    path = Pages[_random.Next(Pages.Length)];
                    Add("page", null, path, null, "https://www.example.cn" + page);
                    pageViews++;
                    break;
                case 2 or 3:
                    Add("track", "click", path, new JsonObject { ["selector"] = "a.cta", ["x"] = 100 + i, ["y"] = 200 + i });
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
        Add("track", "page_leave", path, new JsonObject { ["engaged_ms"] = 1000 });

        _sessions.Add(new GeneratedSession(index, visitor, page, keyword, source, engine, device, isBot, start, time, pageViews, interactions, hasLead));
        return time;
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
