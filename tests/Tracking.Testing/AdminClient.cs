using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tracking.Testing;

/// <summary>The admin API (/v1/projects) and GET /v1/reports/... as a client with any key sees them: status and JSON body.</summary>
public static class AdminClient
{
    public sealed record Project(string Id, string WriteKey, string ReadKey);

    /// <summary>POST /v1/projects with the host's admin key; throws unless 201.</summary>
    public static async Task<Project> CreateAsync(HostProcess host, string name)
    {
        var (status, body) = await SendAsync(host, HttpMethod.Post, "v1/projects", host.AdminKey, new JsonObject { ["name"] = name }.ToJsonString());
        return status == HttpStatusCode.Created
            ? new Project((string)body!["id"]!, (string)body["writeKey"]!, (string)body["readKey"]!)
            : throw new HttpRequestException($"creating project '{name}' answered {(int)status}: {body}");
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HostProcess host, HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
