using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>GET /v1/reports/accounts/{account} over the generated B2B dataset, and the account reports' 400s.</summary>
[Collection(AccountsDatasetCollection.Name)]
public sealed class AccountDetailTests(AccountsFixture fixture)
{
    [Theory]
    [InlineData("acct-000")]
    [InlineData("acct-003")]
    [InlineData("acct-013")]
    [InlineData("acct-018")]
    public async Task An_account_has_its_traits_users_days_features_and_key_path_progress(string account)
    {
        var from = fixture.To.AddDays(-20).AddHours(-5);
        var to = fixture.To;
        var answer = await ReportClient.GetAsync(fixture.Host, $"accounts/{account}?{ReportClient.Range(from, to)}");
        var known = fixture.Expected.Accounts[account];
        Assert.Equal(account, (string)answer["account"]!);
        Assert.Equal(known.Name, (string)answer["name"]!);
        Assert.Equal(known.Segment, (string)answer["segment"]!);
        Assert.Equal(known.Traits.ToJsonString(), answer["traits"]!.ToJsonString());
        Assert.Equal(known.FirstSeen, Time(answer["firstSeen"]));

        var usage = fixture.Expected.Usage.Where(e => e.Account == account && e.Time >= from && e.Time < to).ToList();
        var users = usage.GroupBy(e => e.User).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(
            users.Select(g => (g.Key, (long)g.Count(), g.Min(e => e.Time), g.Max(e => e.Time))),
            answer["users"]!.AsArray().Select(u => ((string)u!["user"]!, (long)u["events"]!, Time(u["firstSeen"]), Time(u["lastSeen"]))));

        var days = new List<(string, long, long)>();
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var that = usage.Where(e => e.Time.UtcDateTime.Date == day).ToList();
            days.Add((day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), that.Count, that.Select(e => e.User).Distinct().Count()));
        }

        Assert.Equal(days, answer["daily"]!.AsArray().Select(d => ((string)d!["day"]!, (long)d["events"]!, (long)d["users"]!)));

        var features = usage.GroupBy(e => e.Feature!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        Assert.Equal(
            features.Select(g => (g.Key, (long)g.Count(), (long)g.Select(e => e.User).Distinct().Count(), g.Min(e => e.Time), g.Max(e => e.Time))),
            answer["features"]!.AsArray().Select(f => ((string)f!["feature"]!, (long)f["events"]!, (long)f["users"]!, Time(f["firstUsed"]), Time(f["lastUsed"]))));

        var steps = usage.Where(e => e.Properties?["key_path"] is not null).ToList();
        var furthest = steps.GroupBy(e => (string)e.Properties!["key_path"]!)
            .Select(g =>
            {
                var index = g.Max(e => (long)e.Properties!["step_index"]!);
                var reached = g.Where(e => (long)e.Properties!["step_index"]! == index).ToList();
                return (g.Key, (string)reached[0].Properties!["step"]!, index, reached.Min(e => e.Time));
            });
        Assert.Equal(furthest, answer["keyPaths"]!.AsArray().Select(k => ((string)k!["keyPath"]!, (string)k["step"]!, (long)k["stepIndex"]!, Time(k["reachedAt"]))));
    }

    [Fact]
    public async Task Some_account_pages_show_partial_key_path_progress()
    {
        // Otherwise the key-path case above would pass on accounts that all reached the last step.
        var reached = new List<long>();
        foreach (var account in fixture.Expected.Accounts.Keys.Where(a => fixture.Dataset.ShapeOf[a] != "late"))
        {
            var answer = await ReportClient.GetAsync(fixture.Host, $"accounts/{account}?{ReportClient.Range(fixture.To.AddDays(-2), fixture.To)}");
            reached.AddRange(answer["keyPaths"]!.AsArray().Select(k => (long)k!["stepIndex"]!));
        }

        Assert.Contains(reached, i => i < B2bDataset.KeyPathSteps.Length - 1);
        Assert.Contains(reached, i => i == B2bDataset.KeyPathSteps.Length - 1);
    }

    [Theory]
    [InlineData("accounts?to=yesterday", "to:")]
    [InlineData("accounts?segment=huge", "segment:")]
    [InlineData("accounts?risk=critical", "risk:")]
    [InlineData("accounts?sort=size", "sort:")]
    [InlineData("accounts?limit=0", "limit:")]
    [InlineData("accounts?limit=10001", "limit:")]
    [InlineData("accounts?from=2026-01-01T00:00:00Z", "from: unknown parameter")]
    [InlineData("accounts?to=1900-01-20T00:00:00Z", "to:")]
    [InlineData("features?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from:")]
    [InlineData("features?segment=Big", "segment:")]
    [InlineData("features?sort=risk", "sort:")]
    [InlineData("features?limit=x", "limit:")]
    [InlineData("accounts/acct-000?to=soon", "to:")]
    [InlineData("accounts/acct-000?risk=high", "risk: unknown parameter")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string pathAndQuery, string start)
    {
        var (status, error) = await ReportClient.RefusalAsync(fixture.Host, pathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_id_longer_than_the_limit_is_a_400()
    {
        var (status, error) = await ReportClient.RefusalAsync(fixture.Host, "accounts/" + new string('a', 2049));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("account:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_no_group_call_named_and_no_event_carries_is_a_404_naming_it()
    {
        var (status, error) = await ReportClient.RefusalAsync(fixture.Host, "accounts/acct-nobody");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("account: no group call named 'acct-nobody'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_need_a_read_key_and_are_in_the_OpenAPI_document()
    {
        using var http = fixture.Host.CreateClient();
        foreach (var path in new[] { "v1/reports/accounts", "v1/reports/features", "v1/reports/accounts/acct-000" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var paths = JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!["paths"]!.AsObject();
        foreach (var path in new[] { "/v1/reports/accounts", "/v1/reports/features", "/v1/reports/accounts/{account}" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        var accountsParameters = paths["/v1/reports/accounts"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!);
        Assert.Equal(["to", "segment", "risk", "sort", "limit"], accountsParameters);
        var accountParameters = paths["/v1/reports/accounts/{account}"]!["get"]!["parameters"]!.AsArray().Select(p => ((string)p!["name"]!, (string)p["in"]!));
        Assert.Equal([("account", "path"), ("from", "query"), ("to", "query")], accountParameters);
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}
