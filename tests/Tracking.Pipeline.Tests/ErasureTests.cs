using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// Erasure of a stitched visitor through a real host: every table is free of the person's ids afterwards,
/// the reports count only the others, and the person's events still in the log when the request was made,
/// or resent later, are never loaded.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private const string Project = "default";

    private readonly TempDirectory _data = new("tracking-erasure");
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly DateTimeOffset _start = new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1).AddHours(9), TimeSpan.Zero);
    private readonly string _writeKey = "wk_test_" + Guid.NewGuid().ToString("N");
    private readonly string _readKey = "rk_test_" + Guid.NewGuid().ToString("N");
    private int _messages;

    private string GoneUser => $"user-gone-{_run}";

    private string GoneAnonymous => $"anon-gone-{_run}";

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Erasing_a_stitched_visitor_removes_every_trace_and_keeps_its_unloaded_and_resent_events_out()
    {
        var people = Enumerable.Range(0, 5).Select(i => i == 0 ? (GoneAnonymous, GoneUser) : ($"anon-{i}-{_run}", $"user-{i}-{_run}")).ToList();
        var dataset = people.SelectMany((p, i) => Person(p.Item1, p.Item2, i, Accounts(i))).ToList();
        var erasedIds = new[] { GoneUser, GoneAnonymous };
        var remaining = dataset.Where(e => !erasedIds.Contains((string?)e["userId"]) && !erasedIds.Contains((string?)e["anonymousId"])).ToList();

        // Phase 1: the dataset loaded; the reports count the person.
        await using (var host = Host(loadAtOnce: true))
        {
            await DatasetLoading.StartAndLoadAsync(host, dataset, resent: []);
            Assert.Equal(ExpectedLandingSessions(dataset), await LandingSessionsAsync(host));
            Assert.NotEmpty(await TablesHoldingAsync(host, erasedIds));
        }

        // Phase 2: a loader that holds what it reads for an hour, so the person's new events are in the log,
        // acknowledged, and not loaded when the erasure is requested (by the userId).
        var late = Person(GoneAnonymous, GoneUser, 5, [$"acct-late-{_run}"]).Append(Event("track", $"anon-late-{_run}", "", _start.AddHours(2), e => e["event"] = "late_other")).ToList();
        await using (var holding = Host(loadAtOnce: false))
        {
            await holding.StartAsync();
            using var http = holding.CreateClient();
            Assert.Equal(late.Count, await CollectorClient.SendAllAsync(http, _writeKey, late));

            var request = await AdminRequests.EraseAsync(holding, Project, "userId", GoneUser);
            Assert.Equal("done", (string?)request["status"]);
            Assert.Equal(erasedIds.Order(), request["erasedIds"]!.AsArray().Select(id => (string)id!).Order());
            Assert.Equal(dataset.Count - remaining.Count, (long)request["rowsRemoved"]!["events"]!);
            Assert.StartsWith("key:", (string?)request["requestedBy"]);
            Assert.DoesNotContain(AdminRequests.AdminKey, request.ToJsonString());
            Assert.NotNull(request["finishedAt"]);

            // The graceful stop loads what the loader held: the person's rows are dropped there.
        }

        // Phase 3: a normal host on the same data, the person's events resent (as copies and as new messages).
        await using (var host = Host(loadAtOnce: true))
        {
            await host.StartAsync();
            using var http = host.CreateClient();
            var resent = dataset.Where(e => !remaining.Contains(e)).Concat(Person(GoneAnonymous, GoneUser, 6, [$"acct-resent-{_run}"])).ToList();
            Assert.Equal(resent.Count, await CollectorClient.SendAllAsync(http, _writeKey, resent));
            await LoadMarker.SendAndWaitAsync(host);

            Assert.Empty(await TablesHoldingAsync(host, erasedIds));
            Assert.Equal(1, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE anonymous_id = 'anon-late-{_run}'"));

            Assert.Equal(ExpectedLandingSessions(remaining), await LandingSessionsAsync(host));
            Assert.Equal(ExpectedFunnel(remaining), await FunnelCountsAsync(host));
            Assert.Equal(
                remaining.Where(e => (string?)e["type"] == "group").Select(e => (string)e["groupId"]!).Distinct().Order(),
                await AccountsAsync(host));
        }
    }

    /// <summary>Accounts of person <paramref name="index"/>: the person erased is alone in one and shares another.</summary>
    private string[] Accounts(int index) => index switch
    {
        0 => [$"acct-solo-{_run}", $"acct-shared-{_run}"],
        1 or 2 => [$"acct-shared-{_run}"],
        _ => [$"acct-{index}-{_run}"],
    };

    /// <summary>
    /// A person's day: an anonymous landing in a client session, identify, a signed-in event carrying both
    /// ids, group calls, and a server-side event with the userId only.
    /// </summary>
    private List<JsonObject> Person(string anonymousId, string userId, int index, string[] accounts)
    {
        var at = _start.AddMinutes(10 * index);
        var session = $"s-{index}-{_run}";
        var events = new List<JsonObject>
        {
            Event("page", anonymousId, "", at, e => e["context"] = new JsonObject { ["sessionId"] = session, ["page"] = new JsonObject { ["path"] = "/landing/crm" } }),
            Event("identify", anonymousId, userId, at.AddMinutes(1), e => e["context"] = new JsonObject { ["sessionId"] = session }),
            Event("track", anonymousId, userId, at.AddMinutes(2), e =>
            {
                e["event"] = "signed_in";
                e["context"] = new JsonObject { ["sessionId"] = session };
            }),
            Event("track", "", userId, at.AddMinutes(4), e => e["event"] = "report_exported"),
        };
        events.AddRange(accounts.Select(account => Event("group", anonymousId, userId, at.AddMinutes(3), e =>
        {
            e["groupId"] = account;
            e["traits"] = new JsonObject { ["name"] = account.ToUpperInvariant() };
        })));
        return events;
    }

    private JsonObject Event(string type, string anonymousId, string userId, DateTimeOffset at, Action<JsonObject> fill)
    {
        var e = new JsonObject { ["type"] = type, ["messageId"] = $"m-{_run}-{Interlocked.Increment(ref _messages)}", ["timestamp"] = at.ToString("O") };
        if (anonymousId.Length > 0)
        {
            e["anonymousId"] = anonymousId;
        }

        if (userId.Length > 0)
        {
            e["userId"] = userId;
        }

        fill(e);
        return e;
    }

    private HostProcess Host(bool loadAtOnce) => new(_data.Path, new Dictionary<string, string>
    {
        [AdminRequests.Setting.Key] = AdminRequests.Setting.Value,
        ["Loader__FlushInterval"] = loadAtOnce ? "00:00:00.200" : "01:00:00",
        ["Loader__BacklogFlushInterval"] = loadAtOnce ? "00:00:10" : "01:00:00",
    })
    {
        WriteKey = _writeKey,
        ReadKey = _readKey,
    };

    /// <summary>
    /// "table: rows" for every table of the database (system.tables, so a table added later is checked too)
    /// holding one of <paramref name="ids"/> in any column. Views hold nothing of their own; the erasure
    /// requests keep the ids on purpose (the loader drops later events carrying them).
    /// </summary>
    private static async Task<List<string>> TablesHoldingAsync(HostProcess host, string[] ids)
    {
        var tables = (await ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, "SELECT name FROM system.tables WHERE database = 'tracking' AND engine NOT LIKE '%View' AND name != 'erasure_requests' FORMAT TSV"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("events", tables);
        var holding = new List<string>();
        var needles = "[" + string.Join(", ", ids.Select(id => $"'{id}'")) + "]";
        foreach (var table in tables)
        {
            var rows = await ClickHouseHttp.CountAsync(host.InternalClickHouseAddress, $"SELECT count() FROM tracking.{table} WHERE multiSearchAny(toString(tuple(*)), {needles})");
            if (rows > 0)
            {
                holding.Add($"{table}: {rows}");
            }
        }

        return holding;
    }

    /// <summary>Client sessions whose first page view is the landing page, and their stitched visitors.</summary>
    private static (long Sessions, long Visitors) ExpectedLandingSessions(List<JsonObject> events)
    {
        var userOf = events.Where(e => e["userId"] is not null && e["anonymousId"] is not null)
            .GroupBy(e => (string)e["anonymousId"]!)
            .ToDictionary(g => g.Key, g => (string)g.OrderBy(e => (string)e["timestamp"]!).First()["userId"]!);
        var pages = events.Where(e => (string?)e["type"] == "page").ToList();
        var visitors = pages.Select(e => (string?)e["userId"] ?? userOf.GetValueOrDefault((string)e["anonymousId"]!, (string)e["anonymousId"]!)).Distinct().Count();
        return (pages.Select(e => (string)e["context"]!["sessionId"]!).Distinct().Count(), visitors);
    }

    /// <summary>Stitched visitors with a landing page view, and those of them with a later signed_in.</summary>
    private static long[] ExpectedFunnel(List<JsonObject> events)
    {
        var landed = events.Where(e => (string?)e["type"] == "page").ToDictionary(e => (string)e["anonymousId"]!, e => DateTimeOffset.Parse((string)e["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture));
        var signedIn = events.Where(e => (string?)e["event"] == "signed_in" && landed.TryGetValue((string)e["anonymousId"]!, out var at) && DateTimeOffset.Parse((string)e["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture) > at);
        return [landed.Count, signedIn.Select(e => (string)e["userId"]!).Distinct().Count()];
    }

    private async Task<(long Sessions, long Visitors)> LandingSessionsAsync(HostProcess host)
    {
        var rows = await ReportClient.LandingAsync(host, "page", _start.AddDays(-1), DateTimeOffset.UtcNow.AddHours(1), "&includeBots=true");
        var row = rows.SingleOrDefault(r => (string?)r["page"] == "/landing/crm") ?? throw new InvalidOperationException($"no landing row of /landing/crm in {string.Join(", ", rows)}");
        return ((long)row["sessions"]!, (long)row["visitors"]!);
    }

    private async Task<long[]> FunnelCountsAsync(HostProcess host)
    {
        var funnel = await ReportClient.GetAsync(host, $"funnel?step=page:/landing/crm&step=event:signed_in&{ReportClient.Range(_start.AddDays(-1), DateTimeOffset.UtcNow.AddHours(1))}");
        return [.. funnel["steps"]!.AsArray().Select(s => (long)s!["count"]!)];
    }

    private static async Task<IEnumerable<string>> AccountsAsync(HostProcess host)
    {
        var accounts = await ReportClient.GetAsync(host, "accounts?limit=10000");
        return accounts["rows"]!.AsArray().Select(r => (string)r!["account"]!).Order();
    }
}

/// <summary>Bad input to the erasure and retention endpoints: 4xx naming the field, never a stack trace.</summary>
public sealed class PrivacyBadInputTests(PrivacyBadInputTests.AdminHostFixture fixture) : IClassFixture<PrivacyBadInputTests.AdminHostFixture>
{
    [Theory]
    [InlineData("{}", "userId")]
    [InlineData("""{"userId": "a", "anonymousId": "b"}""", "only one")]
    [InlineData("""{"userId": ""}""", "userId")]
    [InlineData("""{"anonymousId": 5}""", "anonymousId")]
    [InlineData("[1]", "body")]
    [InlineData("{", "body")]
    public async Task An_erasure_request_without_exactly_one_id_is_refused_naming_the_field(string body, string named)
    {
        var (status, answer) = await AdminRequests.SendAsync(fixture.Host, HttpMethod.Post, "v1/projects/default/erasure", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, (string?)answer["error"]);
    }

    [Fact]
    public async Task An_unknown_erasure_request_is_404()
    {
        var (status, answer) = await AdminRequests.SendAsync(fixture.Host, HttpMethod.Get, "v1/projects/default/erasure/er_nothing");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("requestId", (string?)answer["error"]);
    }

    [Theory]
    [InlineData("""{"days": 0}""")]
    [InlineData("""{"days": -3}""")]
    [InlineData("""{"days": 1.5}""")]
    [InlineData("""{"days": "400"}""")]
    [InlineData("""{"days": 36501}""")]
    [InlineData("{}")]
    public async Task Bad_retention_days_are_refused_naming_days(string body)
    {
        var (status, answer) = await AdminRequests.SendAsync(fixture.Host, HttpMethod.Put, "v1/projects/default/retention", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("days", (string?)answer["error"]);
    }

    [Theory]
    [InlineData("GET", "v1/projects/nope/retention", HttpStatusCode.NotFound)]
    [InlineData("GET", "v1/projects/Bad%20Id/retention", HttpStatusCode.BadRequest)]
    [InlineData("POST", "v1/projects/nope/erasure", HttpStatusCode.NotFound)]
    public async Task An_unknown_or_malformed_project_is_refused(string method, string path, HttpStatusCode expected)
    {
        var (status, answer) = await AdminRequests.SendAsync(fixture.Host, new HttpMethod(method), path, method == "POST" ? """{"userId": "u"}""" : null);
        Assert.Equal(expected, status);
        Assert.Contains("id", (string?)answer["error"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_the_admin_key_the_admin_api_answers_401_naming_authorization(string? key)
    {
        var (status, answer) = await AdminRequests.SendAsync(fixture.Host, HttpMethod.Get, "v1/projects/default/retention", key: key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Authorization", (string?)answer["error"]);
    }

    public sealed class AdminHostFixture() : HostFixture(new Dictionary<string, string> { [AdminRequests.Setting.Key] = AdminRequests.Setting.Value });
}
