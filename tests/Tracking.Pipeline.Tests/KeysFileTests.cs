using System.Net;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>What the data folder keeps of the keys: hashes only, plain keys shown once, and earlier plain keys.json migrated.</summary>
public sealed class KeysFileTests
{
    /// <summary>Keys the host makes itself: none from the environment.</summary>
    private static readonly Dictionary<string, string> NoKeysFromEnvironment = new() { ["TRACKING_WRITE_KEY"] = "", ["TRACKING_READ_KEY"] = "", ["TRACKING_ADMIN_KEY"] = "" };

    [Fact]
    public async Task A_keys_json_of_an_earlier_version_is_migrated_and_its_keys_stay_valid()
    {
        using var data = new TempDirectory("tracking-keys-migration");
        var (writeKey, readKey) = ("wk_" + Guid.NewGuid().ToString("N"), "rk_" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(data.Path, "keys.json"), $$"""{"projectId":"default","writeKey":"{{writeKey}}","readKey":"{{readKey}}"}""");

        await using (var host = new HostProcess(data.Path, NoKeysFromEnvironment) { WriteKey = writeKey, ReadKey = readKey })
        {
            await host.StartAsync();
            Assert.Contains("keys.json was moved into projects.json", host.Output, StringComparison.Ordinal);
            await AssertKeysWorkAsync(host);
        }

        Assert.False(File.Exists(Path.Combine(data.Path, "keys.json")));
        var kept = await File.ReadAllTextAsync(Path.Combine(data.Path, "projects.json"));
        Assert.DoesNotContain(readKey, kept, StringComparison.Ordinal);
        Assert.Contains(ProjectAdminTests.Fingerprint(readKey)[..12], kept, StringComparison.Ordinal);

        // After the migration the read key is not shown any more, and still works.
        await using (var host = new HostProcess(data.Path, NoKeysFromEnvironment) { WriteKey = writeKey, ReadKey = readKey })
        {
            await host.StartAsync();
            Assert.DoesNotContain(readKey, host.Output, StringComparison.Ordinal);
            await AssertKeysWorkAsync(host);
        }
    }

    [Fact]
    public async Task The_read_and_admin_keys_are_shown_at_first_start_only_and_stored_hashed()
    {
        using var data = new TempDirectory("tracking-keys-fresh");
        string output;
        await using (var host = new HostProcess(data.Path, NoKeysFromEnvironment))
        {
            await host.StartAsync();
            output = host.Output;
        }

        var readKey = Between(output, "dashboard#key=", "\n");
        var adminKey = Between(output, "(Authorization: Bearer ak_", " ").Insert(0, "ak_");
        var kept = await File.ReadAllTextAsync(Path.Combine(data.Path, "projects.json"));
        Assert.DoesNotContain(readKey, kept, StringComparison.Ordinal);
        Assert.DoesNotContain(adminKey, kept, StringComparison.Ordinal);

        await using (var host = new HostProcess(data.Path, NoKeysFromEnvironment) { ReadKey = readKey, AdminKey = adminKey })
        {
            await host.StartAsync();
            Assert.DoesNotContain(readKey, host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(adminKey, host.Output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await AdminClient.SendAsync(host, HttpMethod.Get, "v1/reports/project", readKey)).Status);
            Assert.Equal(HttpStatusCode.OK, (await AdminClient.SendAsync(host, HttpMethod.Get, "v1/projects", adminKey)).Status);
        }
    }

    private static async Task AssertKeysWorkAsync(HostProcess host)
    {
        using var http = host.CreateClient();
        Assert.Equal(1, await CollectorClient.SendAllAsync(http, host.WriteKey, [ProjectAdminTests.PageView()]));
        Assert.Equal(HttpStatusCode.OK, (await AdminClient.SendAsync(host, HttpMethod.Get, "v1/reports/project", host.ReadKey)).Status);
    }

    private static string Between(string text, string before, string after)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{before}' is not in the output:\n{text}");
        start += before.Length;
        return text[start..text.IndexOf(after, start, StringComparison.Ordinal)].Trim();
    }
}
