using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>The admin API on a real host: who may call it, what it shows, what it refuses, and what deleting a project does.</summary>
public sealed class ProjectAdminTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task Only_the_admin_key_opens_the_admin_api()
    {
        var project = await AdminClient.CreateAsync(Host, "Keys of another project");
        foreach (var key in new[] { Host.ReadKey, Host.WriteKey, project.ReadKey, project.WriteKey })
        {
            var (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Get, "v1/projects", key);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("the admin API needs the admin key", (string)body!["error"]!, StringComparison.Ordinal);
        }

        foreach (var key in new[] { null, "ak_nobody" })
        {
            var (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Post, "v1/projects", key, """{"name":"x"}""");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.StartsWith("Authorization:", (string)body!["error"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Projects_are_listed_and_shown_with_fingerprints_never_keys()
    {
        var project = await AdminClient.CreateAsync(Host, "  Marketing site  ");
        var (status, list) = await AdminClient.SendAsync(Host, HttpMethod.Get, "v1/projects", Host.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var text = list!.ToJsonString();
        foreach (var key in new[] { Host.WriteKey, Host.ReadKey, project.WriteKey, project.ReadKey, Host.AdminKey })
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        var listed = list["projects"]!.AsArray().Select(p => (string)p!["id"]!).ToList();
        Assert.Contains("default", listed);
        Assert.Contains(project.Id, listed);

        var (_, shown) = await AdminClient.SendAsync(Host, HttpMethod.Get, $"v1/projects/{project.Id}", Host.AdminKey);
        Assert.Equal("Marketing site", (string)shown!["name"]!);
        Assert.Equal(Fingerprint(project.WriteKey), (string)shown["writeKeys"]![0]!["fingerprint"]!);
        Assert.Equal(Fingerprint(project.ReadKey), (string)shown["readKeys"]![0]!["fingerprint"]!);
    }

    [Fact]
    public async Task A_deleted_projects_keys_stop_working_and_the_default_project_cannot_be_deleted()
    {
        var project = await AdminClient.CreateAsync(Host, "Short-lived");
        using var http = Host.CreateClient();
        Assert.Equal(1, await CollectorClient.SendAllAsync(http, project.WriteKey, [PageView()]));

        Assert.Equal(HttpStatusCode.NoContent, (await AdminClient.SendAsync(Host, HttpMethod.Delete, $"v1/projects/{project.Id}", Host.AdminKey)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CollectorClient.SendAsync(http, CollectorClient.Batch(project.WriteKey, [PageView()]))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SendAsync(Host, HttpMethod.Get, "v1/reports/project", project.ReadKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminClient.SendAsync(Host, HttpMethod.Get, $"v1/projects/{project.Id}", Host.AdminKey)).Status);

        var (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Delete, "v1/projects/default", Host.AdminKey);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("'default' cannot be deleted", (string)body!["error"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "v1/projects", """{"name":""}""", 400, "name: must not be empty")]
    [InlineData("POST", "v1/projects", """{"name":"   "}""", 400, "name: must not be empty")]
    [InlineData("POST", "v1/projects", "", 400, "name: must not be empty")]
    [InlineData("POST", "v1/projects", """{"name":"LONG"}""", 400, "name: at most 100 characters")]
    [InlineData("POST", "v1/projects", """{"name":""", 400, "body: not the expected JSON object")]
    [InlineData("POST", "v1/projects", """{"name":42}""", 400, "body: not the expected JSON object")]
    [InlineData("GET", "v1/projects/nobody", null, 404, "id: no project 'nobody'")]
    [InlineData("DELETE", "v1/projects/nobody", null, 404, "id: no project 'nobody'")]
    [InlineData("POST", "v1/projects/nobody/keys:rotate", null, 404, "id: no project 'nobody'")]
    [InlineData("POST", "v1/projects/default/keys:rotate", """{"key":"admin"}""", 400, "key: 'admin' is not one of write, read or both")]
    [InlineData("POST", "v1/projects/default/keys:rotate?key=all", null, 400, "key: 'all' is not one of write, read or both")]
    [InlineData("POST", "v1/projects/default/keys:rotate", """{"graceSeconds":-1}""", 400, "graceSeconds: must be a whole number of seconds from 0 to")]
    [InlineData("POST", "v1/projects/default/keys:rotate?graceSeconds=1h", null, 400, "graceSeconds: must be a whole number of seconds from 0 to")]
    [InlineData("POST", "v1/projects/default/keys:rotate", """{"graceSeconds":99999999}""", 400, "graceSeconds: must be a whole number of seconds from 0 to")]
    public async Task Bad_input_is_a_4xx_naming_the_field(string method, string path, string? body, int expected, string error)
    {
        var (status, answer) = await AdminClient.SendAsync(Host, new HttpMethod(method), path, Host.AdminKey, body?.Replace("LONG", new string('x', 101), StringComparison.Ordinal));
        Assert.Equal(expected, (int)status);
        Assert.Contains(error, (string)answer!["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_and_the_read_key_project_are_in_the_openapi_document()
    {
        using var http = Host.CreateClient();
        var paths = JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!["paths"]!.AsObject();
        foreach (var path in new[] { "/v1/projects", "/v1/projects/{id}", "/v1/projects/{id}/keys:rotate", "/v1/reports/project" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from {string.Join(", ", paths.Select(p => p.Key))}");
        }
    }

    internal static string Fingerprint(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12];

    internal static JsonObject PageView() => new()
    {
        ["type"] = "page",
        ["anonymousId"] = "v-admin",
        ["messageId"] = "m-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["context"] = new JsonObject { ["page"] = new JsonObject { ["path"] = "/" } },
    };
}
