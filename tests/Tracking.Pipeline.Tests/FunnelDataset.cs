using System.Globalization;
using System.Text.Json.Nodes;

namespace Tracking.Pipeline.Tests;

/// <summary>An event of the funnel dataset: what the independent computation reads, and the JSON sent.</summary>
public sealed record FunnelEvent(
    string MessageId,
    string Type,
    string? Name,
    string? AnonymousId,
    string? UserId,
    string? PreviousId,
    string? GroupId,
    string? ContextGroupId,
    string? SessionId,
    DateTimeOffset Time,
    string? PagePath,
    string? Keyword,
    IReadOnlyDictionary<string, string> Properties,
    string? Employees,
    JsonObject Json);

/// <summary>
/// Generated traffic for the funnel report: people landing anonymously on one or two devices and signing
/// in later (identify, alias, or events carrying both ids, some links sent after the steps they stitch),
/// client and server-side sessions, accounts joined by group calls (some updated later, some events carrying
/// groupId or context.groupId), steps out of order, noise between steps, ties in time, and gaps around a 1h window.
/// </summary>
public sealed class FunnelDataset
{
    public static readonly string[] Keywords = ["客户管理系统", "免费CRM", "crm tool", "营销自动化", "lead generation"];

    private static readonly string[] Employees = ["", "50", "300", "\"450\"", "199", "200"];

    private readonly Random _random;
    private readonly List<FunnelEvent> _events = [];

    private FunnelDataset(int seed) => _random = new Random(seed);

    public IReadOnlyList<FunnelEvent> Events => _events;

    /// <param name="from">Sessions start from two hours before this to one hour after <paramref name="to"/>.</param>
    public static FunnelDataset Generate(int seed, int people, int accounts, DateTimeOffset from, DateTimeOffset to)
    {
        var dataset = new FunnelDataset(seed);
        for (var person = 0; person < people; person++)
        {
            dataset.AddPerson(person, accounts, from - TimeSpan.FromHours(2), to + TimeSpan.FromHours(1));
        }

        return dataset;
    }

    private void AddPerson(int person, int accounts, DateTimeOffset earliest, DateTimeOffset latest)
    {
        var devices = _random.Next(3) == 0 ? new[] { $"a{person}-phone", $"a{person}-laptop" } : [$"a{person}"];
        var userId = _random.Next(10) < 6 ? $"u{person}" : null;
        var account = userId is not null && _random.Next(2) == 0 ? $"acct-{_random.Next(accounts)}" : null;
        var span = (long)(latest - earliest).TotalMilliseconds;
        var start = earliest + TimeSpan.FromMilliseconds(_random.NextInt64(span));

        if (userId is not null)
        {
            // The links, anywhere in time: before, between or after the steps they stitch.
            foreach (var device in devices)
            {
                var at = earliest + TimeSpan.FromMilliseconds(_random.NextInt64(span));
                switch (_random.Next(3))
                {
                    case 0:
                        Add("identify", null, device, userId, at, sessionId: null);
                        break;
                    case 1:
                        Add("alias", null, null, userId, at, sessionId: null, previousId: device);
                        break;
                    default:
                        Add("track", "settings_saved", device, userId, at, sessionId: null);
                        break;
                }
            }

            // A shared computer: a later link of the same anonymous id to someone else does not move it.
            if (_random.Next(15) == 0)
            {
                Add("identify", null, devices[0], $"u{person}-other", latest + TimeSpan.FromHours(3), sessionId: null);
            }
        }

        var groupTime = start + TimeSpan.FromMinutes(_random.Next(-60, 120));
        if (account is not null)
        {
            AddGroup(account, userId!, groupTime);
            if (_random.Next(4) == 0)
            {
                AddGroup(account, userId!, groupTime + TimeSpan.FromHours(2));
            }
        }

        if (_random.Next(3) == 0)
        {
            AddJourney(devices[0], userId, account, start + TimeSpan.FromMinutes(_random.Next(-30, 30)));
        }

        var carriesGroup = _random.Next(3);
        var sessions = 1 + _random.Next(4);
        var time = start;
        for (var s = 0; s < sessions; s++)
        {
            var device = devices[_random.Next(devices.Length)];
            var signedIn = userId is not null && _random.Next(2) == 0;
            var sessionId = _random.Next(4) == 0 ? null : $"s{person}-{s}-{Guid.NewGuid():N}";
            var anonymousId = signedIn && _random.Next(2) == 0 ? null : device;
            AddSession(anonymousId, signedIn ? userId : null, sessionId, ref time, account is not null && time > groupTime ? carriesGroup : 0, account);
            time += TimeSpan.FromMinutes(_random.Next(2) == 0 ? 20 + _random.Next(40) : 30 + _random.Next(300));
        }
    }

    private void AddSession(string? anonymousId, string? userId, string? sessionId, ref DateTimeOffset time, int carriesGroup, string? account)
    {
        var events = 2 + _random.Next(9);
        var keyword = _random.Next(5) == 0 ? null : Keywords[_random.Next(Keywords.Length)];
        for (var e = 0; e < events; e++)
        {
            if (e > 0)
            {
                // Mostly seconds to minutes apart; some ties (not a later step), some gaps around the window and the 30 minutes.
                time += _random.Next(20) switch
                {
                    0 => TimeSpan.Zero,
                    1 => TimeSpan.FromMinutes(25 + _random.Next(50)),
                    _ => TimeSpan.FromMilliseconds(1000 + _random.Next(600_000)),
                };
            }

            var (groupId, contextGroupId) = carriesGroup switch { 1 => (account, null), 2 => (null, account), _ => ((string?)null, (string?)null) };
            var first = e == 0;
            switch (first ? 0 : _random.Next(10))
            {
                case 0 or 1:
                    var landing = _random.Next(3) switch { 0 => "/landing/crm", 1 => "/landing/erp", _ => "/" };
                    AddPage(landing, first ? keyword : null, anonymousId, userId, sessionId, time, groupId, contextGroupId);
                    break;
                case 2 or 3:
                    AddPage(_random.Next(4) == 0 ? "/blog/pricing-tips" : "/pricing", null, anonymousId, userId, sessionId, time, groupId, contextGroupId);
                    break;
                case 4:
                    Add("track", "signup", anonymousId, userId, time, sessionId, groupId: groupId, contextGroupId: contextGroupId,
                        properties: new JsonObject { ["plan"] = _random.Next(3) == 0 ? "free" : "pro", ["seats"] = _random.Next(1, 4) });
                    break;
                case 5:
                    Add("track", "lead", anonymousId, userId, time, sessionId, groupId: groupId, contextGroupId: contextGroupId);
                    break;
                default:
                    Add("track", _random.Next(2) == 0 ? "heartbeat" : "click", anonymousId, userId, time, sessionId, groupId: groupId, contextGroupId: contextGroupId);
                    break;
            }
        }
    }

    /// <summary>
    /// Someone who means it: landing, pricing, sign-up and lead within about an hour, sometimes with noise
    /// between, sometimes landing anonymously and signing up signed in, in a new session; the landing carries
    /// the account (groupId or context.groupId) when the person has one.
    /// </summary>
    private void AddJourney(string device, string? userId, string? account, DateTimeOffset time)
    {
        var (groupId, contextGroupId) = _random.Next(2) == 0 ? (account, (string?)null) : (null, account);
        var sessionId = $"j-{Guid.NewGuid():N}";
        var noisy = _random.Next(2) == 0;
        string? Next(ref DateTimeOffset at)
        {
            at += TimeSpan.FromSeconds(5 + _random.Next(900));
            if (noisy && _random.Next(2) == 0)
            {
                Add("track", "heartbeat", device, null, at, sessionId);
                at += TimeSpan.FromSeconds(1 + _random.Next(60));
            }

            return null;
        }

        AddPage("/landing/crm", Keywords[_random.Next(Keywords.Length)], device, null, sessionId, time, groupId, contextGroupId);
        Next(ref time);
        AddPage("/pricing", null, device, null, sessionId, time, null, null);
        Next(ref time);
        var signedIn = userId is not null && _random.Next(2) == 0;
        if (signedIn)
        {
            sessionId = $"j-{Guid.NewGuid():N}";
        }

        var (anonymousId, user) = signedIn ? ((string?)null, userId) : (device, (string?)null);
        Add("track", "signup", anonymousId, user, time, sessionId, properties: new JsonObject { ["plan"] = "pro" });
        time += TimeSpan.FromSeconds(5 + _random.Next(900));
        Add("track", "lead", anonymousId, user, time, sessionId);
    }

    private void AddGroup(string account, string userId, DateTimeOffset time)
    {
        var employees = Employees[_random.Next(Employees.Length)];
        var traits = new JsonObject { ["name"] = account };
        if (employees.Length > 0)
        {
            traits["employees"] = JsonNode.Parse(employees);
        }

        Add("group", null, null, userId, time, sessionId: null, groupId: account, traits: traits, employees: employees.Trim('"'));
    }

    private void AddPage(string path, string? keyword, string? anonymousId, string? userId, string? sessionId, DateTimeOffset time, string? groupId, string? contextGroupId)
    {
        var page = new JsonObject { ["path"] = path, ["url"] = "https://www.example.cn" + path, ["title"] = "Example", ["referrer"] = string.Empty };
        Add("page", null, anonymousId, userId, time, sessionId, groupId: groupId, contextGroupId: contextGroupId, page: page,
            campaign: keyword is null ? null : new JsonObject { ["source"] = "newsletter", ["term"] = keyword }, pagePath: path, keyword: keyword ?? "(none)");
    }

    private void Add(
        string type,
        string? name,
        string? anonymousId,
        string? userId,
        DateTimeOffset time,
        string? sessionId,
        string? previousId = null,
        string? groupId = null,
        string? contextGroupId = null,
        JsonObject? properties = null,
        JsonObject? traits = null,
        JsonObject? page = null,
        JsonObject? campaign = null,
        string? pagePath = null,
        string? keyword = null,
        string? employees = null)
    {
        var messageId = "m-" + Guid.NewGuid().ToString("N");
        var context = new JsonObject { ["locale"] = "zh-CN" };
        var json = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = messageId,
            ["timestamp"] = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["context"] = context,
        };
        Set(json, "event", name);
        Set(json, "anonymousId", anonymousId);
        Set(json, "userId", userId);
        Set(json, "previousId", previousId);
        Set(json, "groupId", groupId);
        Set(context, "sessionId", sessionId);
        Set(context, "groupId", contextGroupId);
        if (page is not null)
        {
            context["page"] = page;
        }

        if (campaign is not null)
        {
            context["campaign"] = campaign;
        }

        if (properties is not null)
        {
            json["properties"] = properties;
        }

        if (traits is not null)
        {
            json["traits"] = traits;
        }

        var flat = properties?.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value!.ToJsonString()) ?? [];
        var time3 = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        _events.Add(new FunnelEvent(messageId, type, name, anonymousId, userId, previousId, groupId, contextGroupId, sessionId, time3, pagePath, keyword, flat, employees, json));
    }

    private static void Set(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
