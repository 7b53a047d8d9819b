using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>What a marketer opens after `make run`: the snippet, the demo site, the dashboard and the API's description.</summary>
public sealed class WebSurfaceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_snippet_is_served_with_caching_and_a_versioned_url_that_never_changes()
    {
        using var http = fixture.Host.CreateClient();
        using var script = await http.GetAsync(new Uri("sdk.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("application/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age=3600", script.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var versioned = await http.GetAsync(new Uri("sdk/0.1.0.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_site_carries_this_hosts_write_key()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var bare = await http.GetAsync(new Uri("demo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/demo/", bare.Headers.Location!.ToString());

        var index = await http.GetStringAsync(new Uri("demo/", UriKind.Relative));
        Assert.Contains($"data-write-key=\"{fixture.Host.WriteKey}\"", index, StringComparison.Ordinal);
        Assert.DoesNotContain("__WRITE_KEY__", index, StringComparison.Ordinal);

        using var escape = await http.GetAsync(new Uri("demo/..%2F..%2FREADME.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_is_served_and_the_root_leads_to_it()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var root = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/dashboard", root.Headers.Location!.ToString());
        var page = await http.GetStringAsync(new Uri("dashboard", UriKind.Relative));
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script type=\"module\" src=\"(/dashboard/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var bundle = await http.GetAsync(new Uri(script, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/v1/reports/", await bundle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_report_and_collector_endpoint()
    {
        using var http = fixture.Host.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!;
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/v1/reports/landing", "/v1/reports/timeseries", "/v1/reports/breakdown" })
        {
            var get = paths[path]?["get"];
            Assert.True(get is not null, $"{path} is not in the document");
            Assert.NotNull(get["responses"]!["400"]);
        }

        foreach (var path in new[] { "/v1/batch", "/v1/track", "/v1/page", "/v1/identify" })
        {
            Assert.True(paths[path]?["post"] is not null, $"{path} is not in the document");
        }

        var timeseries = paths["/v1/reports/timeseries"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Superset(new HashSet<string> { "metrics", "interval", "tz", "from", "to", "keyword", "page", "source", "device" }, timeseries.ToHashSet());
    }
}
