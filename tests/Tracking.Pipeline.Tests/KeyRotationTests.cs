using System.Net;
using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>A rotated-out key keeps working for its grace period, then is refused, at the collector and at the reports alike.</summary>
public sealed class KeyRotationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task A_rotated_key_works_during_its_grace_and_is_refused_after_it()
    {
        var first = await AdminClient.CreateAsync(Host, "Rotating");
        var second = await RotateAsync(first.Id, """{"key":"both","graceSeconds":3600}""");
        Assert.NotEqual(first.WriteKey, second.WriteKey);

        // Within the hour's grace both generations work.
        foreach (var keys in new[] { first, second })
        {
            Assert.True(await WriteKeyWorksAsync(keys.WriteKey));
            Assert.True(await ReadKeyWorksAsync(keys.ReadKey));
        }

        // A second rotation with a short grace cuts every replaced key's grace to it.
        var third = await RotateAsync(first.Id, """{"graceSeconds":1}""");
        foreach (var keys in new[] { first, second })
        {
            Assert.True(await RefusedSoonAsync(() => WriteKeyWorksAsync(keys.WriteKey)), "a replaced write key is still accepted after its grace");
            Assert.True(await RefusedSoonAsync(() => ReadKeyWorksAsync(keys.ReadKey)), "a replaced read key is still accepted after its grace");
        }

        Assert.True(await WriteKeyWorksAsync(third.WriteKey));
        Assert.True(await ReadKeyWorksAsync(third.ReadKey));
    }

    [Fact]
    public async Task Rotating_one_kind_of_key_leaves_the_other_and_the_grace_comes_from_the_query_or_the_configuration()
    {
        var project = await AdminClient.CreateAsync(Host, "Read key only");
        var (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Post, $"v1/projects/{project.Id}/keys:rotate?key=read", Host.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["writeKey"]);
        var readKey = (string)body["readKey"]!;

        // The default grace, Projects:KeyRotationGraceSeconds, is a day: the old read key still works.
        Assert.InRange(body["previousKeysValidUntil"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        Assert.True(await ReadKeyWorksAsync(project.ReadKey));
        Assert.True(await ReadKeyWorksAsync(readKey));
        Assert.True(await WriteKeyWorksAsync(project.WriteKey));

        (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Post, $"v1/projects/{project.Id}/keys:rotate?key=write&graceSeconds=0", Host.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["readKey"]);
        Assert.False(await WriteKeyWorksAsync(project.WriteKey));
        Assert.True(await WriteKeyWorksAsync((string)body["writeKey"]!));
        Assert.True(await ReadKeyWorksAsync(readKey));
    }

    [Fact]
    public async Task A_rotated_read_key_opens_the_projects_sql_user_during_its_grace_and_not_after()
    {
        var first = await AdminClient.CreateAsync(Host, "Rotating SQL");
        var second = await RotateAsync(first.Id, """{"key":"both","graceSeconds":3600}""");
        Assert.True(await SqlWorksAsync(first.Id, first.ReadKey));
        Assert.True(await SqlWorksAsync(first.Id, second.ReadKey));

        var third = await RotateAsync(first.Id, """{"graceSeconds":1}""");
        Assert.True(await RefusedSoonAsync(() => SqlWorksAsync(first.Id, first.ReadKey)), "a replaced read key still opens the SQL port after its grace");
        Assert.True(await RefusedSoonAsync(() => SqlWorksAsync(first.Id, second.ReadKey)), "a replaced read key still opens the SQL port after its grace");
        Assert.True(await SqlWorksAsync(first.Id, third.ReadKey));
    }

    private async Task<AdminClient.Project> RotateAsync(string id, string body)
    {
        var (status, answer) = await AdminClient.SendAsync(Host, HttpMethod.Post, $"v1/projects/{id}/keys:rotate", Host.AdminKey, body);
        Assert.True(status == HttpStatusCode.OK, $"rotation answered {(int)status}: {answer}");
        return new AdminClient.Project(id, (string)answer!["writeKey"]!, (string)answer["readKey"]!);
    }

    private async Task<bool> WriteKeyWorksAsync(string writeKey)
    {
        using var http = Host.CreateClient();
        var answer = await CollectorClient.SendAsync(http, CollectorClient.Batch(writeKey, [ProjectAdminTests.PageView()]));
        return answer.Status == HttpStatusCode.OK ? true
            : answer.Status == HttpStatusCode.Unauthorized ? false
            : throw new HttpRequestException($"the collector answered {(int)answer.Status}: {answer.Body}");
    }

    private async Task<bool> ReadKeyWorksAsync(string readKey)
    {
        var (status, body) = await AdminClient.SendAsync(Host, HttpMethod.Get, "v1/reports/project", readKey);
        return status == HttpStatusCode.OK ? true
            : status == HttpStatusCode.Unauthorized ? false
            : throw new HttpRequestException($"the reports answered {(int)status}: {body}");
    }

    private async Task<bool> SqlWorksAsync(string projectId, string readKey)
    {
        var (status, body) = await ClickHouseHttp.SendAsync(Host.ProjectClickHouseAddress(projectId, readKey), "SELECT count() FROM tracking.events");
        return status == HttpStatusCode.OK ? true
            : status == HttpStatusCode.Forbidden && body.Contains("AUTHENTICATION_FAILED", StringComparison.Ordinal) ? false
            : throw new HttpRequestException($"the SQL port answered {(int)status}: {body}");
    }

    /// <summary>Polls until the key is refused; false if it is still accepted after a generous bound (how long it took is not asserted).</summary>
    private static async Task<bool> RefusedSoonAsync(Func<Task<bool>> works)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (!await works())
            {
                return true;
            }
        }

        return false;
    }
}
