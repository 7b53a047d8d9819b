using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>The admin API of retention and erasure as an operator calls it, with the admin key the tests set.</summary>
internal static class AdminRequests
{
    public const string AdminKey = "admin-key-for-tests";

    /// <summary>The setting that gives a test host <see cref="AdminKey"/>.</summary>
    public static readonly KeyValuePair<string, string> Setting = new("TRACKING_ADMIN_KEY", AdminKey);

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HostProcess host, HttpMethod method, string path, string? body = null, string? key = AdminKey)
    {
        var (status, answer) = await AdminClient.SendAsync(host, method, path.TrimStart('/'), key, body);
        return (status, answer!.AsObject());
    }

    /// <summary>Posts an erasure request and waits until the host finished it; its final state.</summary>
    public static async Task<JsonObject> EraseAsync(HostProcess host, string project, string field, string id)
    {
        var (status, accepted) = await SendAsync(host, HttpMethod.Post, $"v1/projects/{project}/erasure", new JsonObject { [field] = id }.ToJsonString());
        if (status != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"erasure answered {(int)status}: {accepted}");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var (_, state) = await SendAsync(host, HttpMethod.Get, $"v1/projects/{project}/erasure/{accepted["id"]}");
            if ((string?)state["status"] is "done" or "failed")
            {
                return state;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"erasure {accepted["id"]} did not finish:\n{host.Output}");
    }
}
