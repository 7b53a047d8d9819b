using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// Every report endpoint answers a read key with its own project's rows only: on the shared host, project A's read key
/// gets exactly what a host holding only A's events answers, and B's exactly what a host holding only B's answers.
/// </summary>
public sealed partial class ProjectScopingTests(ProjectScopingFixture fixture) : IClassFixture<ProjectScopingFixture>
{
    /// <summary>Every endpoint under /v1/reports, with a query whose answer depends on the dataset.</summary>
    public static TheoryData<string> Reports() =>
    [
        "landing?groupBy=keyword,page&RANGE",
        "timeseries?interval=hour&metrics=visitors,sessions,bounceRate,leads&RANGE",
        "breakdown?by=keyword&RANGE",
        "breakdown?by=page&RANGE",
        "funnel?step=page:/landing/*&step=event:lead&window=1h&RANGE",
        "funnel/steps?RANGE",
        "clicks?page=/pricing&RANGE",
        "exits?RANGE",
        "paths?start=/pricing&RANGE",
        "accounts?to=ACCOUNTS_TO&limit=10000",
        "accounts/acct-000?ACCOUNTS_RANGE",
        "features?ACCOUNTS_RANGE&limit=10000",
        "funnel?keyPath=onboarding&window=1h&ACCOUNTS_RANGE",
    ];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_read_key_sees_exactly_its_own_projects_figures(string report)
    {
        var query = report
            .Replace("ACCOUNTS_RANGE", ReportClient.Range(fixture.AccountsTo.AddDays(-42), fixture.AccountsTo), StringComparison.Ordinal)
            .Replace("ACCOUNTS_TO", Uri.EscapeDataString(fixture.AccountsTo.ToString("O")), StringComparison.Ordinal)
            .Replace("RANGE", ReportClient.Range(fixture.From, fixture.To), StringComparison.Ordinal);

        var onlyA = await GetAsync(fixture.OnlyA, fixture.OnlyA.ReadKey, query);
        var onlyB = await GetAsync(fixture.OnlyB, fixture.OnlyB.ReadKey, query);
        Assert.False(JsonNode.DeepEquals(onlyA, onlyB), $"{report}: the two datasets must give different figures for the test to tell the projects apart");

        Assert.Equal(onlyA.ToJsonString(), (await GetAsync(fixture.Shared, fixture.Shared.ReadKey, query)).ToJsonString());
        Assert.Equal(onlyB.ToJsonString(), (await GetAsync(fixture.Shared, fixture.ProjectB.ReadKey, query)).ToJsonString());
    }

    [Fact]
    public async Task Each_projects_landing_figures_are_its_own_datasets_as_computed_here()
    {
        foreach (var (key, dataset) in new[] { (fixture.Shared.ReadKey, fixture.LandingA), (fixture.ProjectB.ReadKey, fixture.LandingB) })
        {
            var expected = ExpectedReport.Compute(dataset.Sessions, fixture.From, fixture.To, byKeyword: false, byPage: true);
            var rows = (await GetAsync(fixture.Shared, key, $"landing?groupBy=page&{ReportClient.Range(fixture.From, fixture.To)}"))["rows"]!.AsArray();
            Assert.Equal(
                expected.OrderBy(r => r.Page, StringComparer.Ordinal).Select(r => (r.Page, r.Sessions, r.Visitors)),
                rows.Select(r => ((string?)r!["page"], (long)r["sessions"]!, (long)r["visitors"]!)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_read_key_project_endpoint_names_each_keys_project()
    {
        Assert.Equal("default", (string)(await GetAsync(fixture.Shared, fixture.Shared.ReadKey, "project"))["id"]!);
        var b = await GetAsync(fixture.Shared, fixture.ProjectB.ReadKey, "project");
        Assert.Equal((fixture.ProjectB.Id, "Project B"), ((string)b["id"]!, (string)b["name"]!));
    }

    private static async Task<JsonObject> GetAsync(HostProcess host, string readKey, string pathAndQuery)
    {
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        using var response = await http.GetAsync(new Uri("v1/reports/" + pathAndQuery, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
