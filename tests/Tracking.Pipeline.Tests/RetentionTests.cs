using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// Retention through a real host: a project's bound set over the admin API becomes TTL rules that delete,
/// from events and every table derived from them, what is older than the bound; a project following the
/// configured default (400 days here) keeps all. The test forces the TTL with ALTER TABLE … MATERIALIZE TTL
/// (synchronously) instead of waiting for ClickHouse's next TTL merge.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly string[] Tables = ["events", "sessions", "accounts", "account_users"];

    private readonly TempDirectory _data = new("tracking-retention");
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private int _messages;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Rows_older_than_a_projects_bound_are_deleted_from_every_table_and_a_project_on_the_default_keeps_all()
    {
        var dataset = new List<JsonObject>();
        dataset.AddRange(Visit("old", 60, "acct-old"));
        dataset.AddRange(Visit("new", 5, "acct-new"));
        dataset.AddRange(Visit("early", 61, "acct-both"));
        dataset.AddRange(Visit("late", 4, "acct-both"));

        await using var host = new HostProcess(_data.Path, new Dictionary<string, string>
        {
            [AdminRequests.Setting.Key] = AdminRequests.Setting.Value,
            ["Loader__FlushInterval"] = "00:00:00.200",
            ["Retention__Days"] = "400",
        });
        await DatasetLoading.StartAndLoadAsync(host, dataset, resent: []);

        // The same rows in a second project, which follows the default.
        await ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, $"INSERT INTO tracking.events SELECT * REPLACE ('other' AS project_id) FROM tracking.events WHERE project_id = 'default' AND anonymous_id != '{LoadMarker.AnonymousId}'");
        var before = await CountsAsync(host, "other");

        var (status, answer) = await AdminRequests.SendAsync(host, HttpMethod.Put, "v1/projects/default/retention", """{"days": 30}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(30, (int)answer["days"]!);

        foreach (var table in Tables)
        {
            await ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, $"ALTER TABLE tracking.{table} MATERIALIZE TTL SETTINGS mutations_sync = 2");
        }

        var bound = _now.AddDays(-30);
        var kept = dataset.Where(e => Time(e) > bound).ToList();
        var groups = dataset.Where(e => (string?)e["type"] == "group").ToList();
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["events"] = kept.Count,
                ["sessions"] = dataset.GroupBy(e => (string)e["context"]!["sessionId"]!).Count(s => s.Min(Time) > bound),
                ["accounts"] = groups.GroupBy(e => (string)e["groupId"]!).Count(a => a.Max(Time) > bound),
                ["account_users"] = groups.Count(e => Time(e) > bound),
            },
            await CountsAsync(host, "default"));
        Assert.Equal(before, await CountsAsync(host, "other"));

        // Kept across a restart, and null is forever.
        await host.StopAsync();
        await host.StartAsync();
        var (_, stored) = await AdminRequests.SendAsync(host, HttpMethod.Get, "v1/projects/default/retention");
        Assert.Equal(("project", 30), ((string)stored["source"]!, (int)stored["days"]!));
        var (_, forever) = await AdminRequests.SendAsync(host, HttpMethod.Put, "v1/projects/default/retention", """{"days": null}""");
        Assert.Null(forever["days"]);
    }

    [Fact]
    public async Task A_project_without_its_own_bound_reports_the_configured_default()
    {
        await using var host = new HostProcess(_data.Path, new Dictionary<string, string> { [AdminRequests.Setting.Key] = AdminRequests.Setting.Value, ["Retention__Days"] = "400" });
        await host.StartAsync();
        var (status, answer) = await AdminRequests.SendAsync(host, HttpMethod.Get, "v1/projects/default/retention");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("default", 400), ((string)answer["source"]!, (int)answer["days"]!));
    }

    /// <summary>A visitor's page view and group call (with its userId) <paramref name="daysAgo"/> days ago, in one client session.</summary>
    private IEnumerable<JsonObject> Visit(string name, int daysAgo, string account)
    {
        var at = _now.AddDays(-daysAgo);
        var context = new JsonObject { ["sessionId"] = $"s-{name}-{_run}", ["page"] = new JsonObject { ["path"] = "/landing/crm" } };
        yield return Event("page", name, at, context, null);
        yield return Event("group", name, at.AddMinutes(1), context.DeepClone().AsObject(), account);
    }

    private JsonObject Event(string type, string name, DateTimeOffset at, JsonObject context, string? account)
    {
        var e = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = $"m-{_run}-{Interlocked.Increment(ref _messages)}",
            ["anonymousId"] = $"a-{name}-{_run}",
            ["userId"] = $"u-{name}-{_run}",
            ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["context"] = context,
        };
        if (account is not null)
        {
            e["groupId"] = $"{account}-{_run}";
        }

        return e;
    }

    private static DateTimeOffset Time(JsonObject e) => DateTimeOffset.Parse((string)e["timestamp"]!, CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, long>> CountsAsync(HostProcess host, string project)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            var final = table == "account_users" ? string.Empty : " FINAL";
            var notMarker = table == "events" ? $" AND anonymous_id != '{LoadMarker.AnonymousId}'" : string.Empty;
            counts[table] = await ClickHouseHttp.CountAsync(host.InternalClickHouseAddress, $"SELECT count() FROM tracking.{table}{final} WHERE project_id = '{project}'{notMarker}");
        }

        return counts;
    }
}
