using System.Globalization;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>
/// Generated B2B product usage around a time <see cref="To"/>: accounts whose usage is steady, falls, slides a
/// little, stops, starts in the last 14 days, grows, or never starts, some exactly on a risk threshold; group calls
/// whose traits change (the size trait crossing the threshold, a string number, none); events that carry the
/// account as groupId, as context.groupId, or only a userId (after, before and at the very time of that user's
/// group call, a user who moves to another account, and a user whose group call is sent after its events); heartbeats and page views, which are not usage; Step
/// events of a key path. What the figures are is left to the test's own computation over <see cref="Events"/>.
/// </summary>
public sealed class B2bDataset
{
    /// <summary>The usage shapes: (name, events in the 28-day baseline, events in the recent 14 days).</summary>
    private static readonly (string Shape, int Baseline, int Recent)[] Shapes =
    [
        ("steady", 56, 28),
        ("falls", 60, 12),
        ("slides", 50, 18),
        ("stops", 40, 0),
        ("starts", 0, 20),
        ("grows", 28, 30),
        ("never", 0, 0),
        ("at-half", 40, 10), // recent rate exactly half the baseline's: high
        ("at-0.8", 50, 20), // exactly 0.8: medium
    ];

    public static readonly string[] Features = ["report_exported", "dashboard_viewed", "invite_sent", "export_v2", "comment_added"];

    /// <summary>The alias the tests configure: export_v2 counts as report_exported.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string> { ["export_v2"] = "report_exported" };

    public const string KeyPath = "onboarding";

    public static readonly string[] KeyPathSteps = ["signed_up", "invited_team", "first_report"];

    private readonly Random _random;
    private readonly List<JsonObject> _events = [];

    private B2bDataset(int seed, DateTimeOffset to)
    {
        _random = new Random(seed);
        To = to;
    }

    public DateTimeOffset To { get; }

    /// <summary>Every event sent, as the collector receives it (Segment-style JSON with messageId and timestamp).</summary>
    public IReadOnlyList<JsonObject> Events => _events;

    /// <summary>Each account's usage shape, by account id (for the tests' own checks that the dataset covers every case).</summary>
    public Dictionary<string, string> ShapeOf { get; } = [];

    public static B2bDataset Generate(int seed, DateTimeOffset to, int accountsPerShape = 3)
    {
        var dataset = new B2bDataset(seed, to);
        var n = 0;
        foreach (var (shape, baseline, recent) in Shapes)
        {
            for (var i = 0; i < accountsPerShape; i++, n++)
            {
                dataset.AddAccount($"acct-{n:D3}", shape, baseline, recent, n);
            }
        }

        dataset.AddLateAccount($"acct-{n:D3}");
        dataset.AddMovingUser("acct-000", $"acct-{accountsPerShape:D3}");
        dataset.AddLateJoiner("acct-001");
        return dataset;
    }

    private void AddAccount(string account, string shape, int baseline, int recent, int n)
    {
        ShapeOf[account] = shape;
        var users = Enumerable.Range(0, 1 + _random.Next(4)).Select(i => $"{account}-u{i}").ToList();
        var joined = To.AddDays(-50).AddMinutes(_random.Next(600));

        // Traits of the first group call; a later one changes them (the latest must win).
        var employees = (n % 5) switch
        {
            0 => (JsonNode?)JsonValue.Create(50 + _random.Next(100)),
            1 => JsonValue.Create(200),
            2 => JsonValue.Create(900 + _random.Next(100)),
            3 => JsonValue.Create((300 + _random.Next(100)).ToString(CultureInfo.InvariantCulture)),
            _ => null,
        };
        foreach (var user in users)
        {
            Add(Group(account, user, joined.AddSeconds(_random.Next(60)), new JsonObject { ["name"] = $"Old name {n}", ["employees"] = 150 }));
        }

        var traits = new JsonObject { ["name"] = $"Account {n}", ["plan"] = n % 2 == 0 ? "pro" : "team" };
        if (employees is not null)
        {
            traits["employees"] = employees;
        }

        Add(Group(account, users[0], To.AddDays(-20).AddMinutes(_random.Next(600)), traits));

        // Usage in the baseline [to - 42d, to - 14d) and in the recent window [to - 14d, to).
        AddUsage(account, users, To.AddDays(-42), 28, baseline);
        AddUsage(account, users, To.AddDays(-14), 14, recent);

        // Outside both windows: before the baseline and after to; neither counts at to.
        if (shape != "never")
        {
            AddUsage(account, users, To.AddDays(-45), 2, 3);
            AddUsage(account, users, To.AddMinutes(1), 0.5, 2);
        }

        // System events and page views carry the account too, and are never usage.
        Add(Track(account, users[0], "heartbeat", To.AddDays(-3)));
        Add(Track(account, users[0], "page_leave", To.AddDays(-30)));
        Add(new JsonObject { ["type"] = "page", ["userId"] = users[0], ["groupId"] = account, ["timestamp"] = Time(To.AddDays(-2)), ["messageId"] = Id(), ["context"] = new JsonObject { ["page"] = new JsonObject { ["path"] = "/app" } } });
    }

    /// <summary>An account whose first group call comes after to: not known at to.</summary>
    private void AddLateAccount(string account)
    {
        ShapeOf[account] = "late";
        Add(Group(account, account + "-u0", To.AddHours(2), new JsonObject { ["name"] = "Late", ["employees"] = 500 }));
    }

    /// <summary>
    /// <paramref name="count"/> usage events of an account's users spread over <paramref name="days"/> days from
    /// <paramref name="start"/>, each carrying the account in one of the ways an event can.
    /// </summary>
    private void AddUsage(string account, List<string> users, DateTimeOffset start, double days, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMilliseconds(_random.NextInt64((long)TimeSpan.FromDays(days).TotalMilliseconds));
            var user = users[_random.Next(users.Count)];
            var feature = Features[_random.Next(Features.Length)];
            var step = _random.Next(8);
            var e = step < KeyPathSteps.Length
                ? Step(user, step, at)
                : new JsonObject { ["type"] = "track", ["event"] = feature, ["userId"] = user, ["timestamp"] = Time(at), ["messageId"] = Id() };
            switch (_random.Next(4))
            {
                case 0:
                    e["groupId"] = account;
                    break;
                case 1:
                    e["context"] = new JsonObject { ["groupId"] = account };
                    break;
                case 2:
                    // Only the userId: the account of the user's latest earlier group call.
                    break;
                default:
                    // An anonymous visitor of the account (the snippet after group(), before identify()).
                    e.Remove("userId");
                    e["anonymousId"] = "anon-" + user;
                    e["groupId"] = account;
                    break;
            }

            Add(e);
        }
    }

    private JsonObject Step(string user, int index, DateTimeOffset at) => new()
    {
        ["type"] = "track",
        ["event"] = KeyPathSteps[index],
        ["userId"] = user,
        ["timestamp"] = Time(at),
        ["messageId"] = Id(),
        ["properties"] = new JsonObject { ["key_path"] = KeyPath, ["step"] = KeyPathSteps[index], ["step_index"] = index },
    };

    private JsonObject Group(string account, string user, DateTimeOffset at, JsonObject traits) => new()
    {
        ["type"] = "group",
        ["groupId"] = account,
        ["userId"] = user,
        ["traits"] = traits,
        ["timestamp"] = Time(at),
        ["messageId"] = Id(),
    };

    private JsonObject Track(string account, string user, string name, DateTimeOffset at) => new()
    {
        ["type"] = "track",
        ["event"] = name,
        ["userId"] = user,
        ["groupId"] = account,
        ["timestamp"] = Time(at),
        ["messageId"] = Id(),
    };

    /// <summary>
    /// A user whose userId-only events test "latest earlier": events before its first group call and at its very
    /// millisecond (no account yet), then it moves from one account to another.
    /// </summary>
    private void AddMovingUser(string first, string second)
    {
        var joinedFirst = To.AddDays(-30);
        var joinedSecond = To.AddDays(-10);
        const string mover = "mover-u0";
        Add(Group(first, mover, joinedFirst, new JsonObject()));
        Add(Group(second, mover, joinedSecond, new JsonObject()));
        foreach (var at in new[] { joinedFirst.AddDays(-1), joinedFirst, joinedFirst.AddHours(1), joinedSecond.AddHours(-1), joinedSecond, joinedSecond.AddHours(1), joinedSecond.AddDays(5) })
        {
            Add(new JsonObject { ["type"] = "track", ["event"] = "comment_added", ["userId"] = mover, ["timestamp"] = Time(at), ["messageId"] = Id() });
        }
    }

    /// <summary>The user of <see cref="AddLateJoiner"/>.</summary>
    public const string LateJoiner = "joiner-u0";

    /// <summary>When <see cref="LateJoiner"/> joins: 20 minutes into an hour, 3 days before <see cref="To"/>.</summary>
    public DateTimeOffset LateJoinerJoined => To.AddDays(-3).AddMinutes(20);

    /// <summary>
    /// A user whose userId-only events come before its only group call in time (no account), at its very
    /// millisecond (none) and after it (the account), mostly in one hour, with two events carrying the account in that
    /// hour too, and whose group call is sent last of all,
    /// after every event: an event's account is the latest earlier call in time, whenever the call arrived.
    /// </summary>
    private void AddLateJoiner(string account)
    {
        foreach (var minutes in new[] { -10, 0, 10, 30, 70 })
        {
            Add(new JsonObject { ["type"] = "track", ["event"] = "comment_added", ["userId"] = LateJoiner, ["timestamp"] = Time(LateJoinerJoined.AddMinutes(minutes)), ["messageId"] = Id() });
        }

        // And two that carry the account, 20 minutes apart in the same hour.
        Add(Track(account, LateJoiner, "report_exported", LateJoinerJoined.AddMinutes(-10)));
        Add(Track(account, LateJoiner, "report_exported", LateJoinerJoined.AddMinutes(10)));

        Add(Group(account, LateJoiner, LateJoinerJoined, new JsonObject()));
    }

    private void Add(JsonObject e) => _events.Add(e);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Id() => "m-" + Guid.NewGuid().ToString("N");
}
