using Tracking.Sdk;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>An application's Group, Track and Step calls through the real Tracking.Sdk into a real host, read back from the account reports.</summary>
public sealed class AccountsThroughSdkTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_group_call_and_its_users_usage_make_an_account_with_traits_features_and_key_path_progress()
    {
        var now = DateTimeOffset.UtcNow;
        var account = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        var options = new TrackingOptions { Endpoint = fixture.Host.BaseAddress, WriteKey = fixture.Host.WriteKey, FlushInterval = TimeSpan.FromMilliseconds(50) };
        options.AddKeyPath("onboarding", "signed_up", "invited_team", "first_report");
        await using (var client = new TrackingClient(options))
        {
            var user = Visitor.User("sdk-user-1");
            Assert.True(client.Group(account, user, new Dictionary<string, object?> { ["name"] = "Acme GmbH", ["employees"] = 420, ["plan"] = "enterprise" }, now.AddMinutes(-10)));

            // Tracked with the account on the visitor, and without it (the user's earlier group call decides).
            var member = user with { GroupId = account };
            Assert.True(client.Track("report_exported", member, timestamp: now.AddMinutes(-9)));
            Assert.True(client.Track("report_exported", user, timestamp: now.AddMinutes(-8)));
            Assert.True(client.Track("dashboard_viewed", member, timestamp: now.AddMinutes(-7)));
            Assert.True(client.Step("onboarding", "signed_up", member, timestamp: now.AddMinutes(-6)));
            Assert.True(client.Step("onboarding", "invited_team", user, timestamp: now.AddMinutes(-5)));
            await client.FlushAsync();
        }

        await LoadMarker.SendAndWaitAsync(fixture.Host);
        var to = now.AddMinutes(1);
        var accounts = await ReportClient.GetAsync(fixture.Host, $"accounts?to={Uri.EscapeDataString(to.ToString("O"))}");
        var row = accounts["rows"]!.AsArray().Single(r => (string)r!["account"]! == account)!;
        Assert.Equal("Acme GmbH", (string)row["name"]!);
        Assert.Equal("big", (string)row["segment"]!);
        Assert.Equal("enterprise", (string)row["traits"]!["plan"]!);
        Assert.Equal(5, (long)row["recentEvents"]!);
        Assert.Equal(1, (long)row["activeUsers"]!);
        Assert.Equal("new", (string)row["churnRisk"]!);
        Assert.Equal(("report_exported", 2L), ((string)row["topFeatures"]![0]!["feature"]!, (long)row["topFeatures"]![0]!["events"]!));

        var detail = await ReportClient.GetAsync(fixture.Host, $"accounts/{account}?{ReportClient.Range(now.AddHours(-1), to)}");
        Assert.Equal(["report_exported", "dashboard_viewed", "invited_team", "signed_up"], detail["features"]!.AsArray().Select(f => (string)f!["feature"]!));
        var progress = detail["keyPaths"]!.AsArray().Single()!;
        Assert.Equal(("onboarding", "invited_team", 1L), ((string)progress["keyPath"]!, (string)progress["step"]!, (long)progress["stepIndex"]!));

        var features = await ReportClient.GetAsync(fixture.Host, $"features?{ReportClient.Range(now.AddHours(-1), to)}&segment=big");
        Assert.Contains(features["rows"]!.AsArray(), f => (string)f!["feature"]! == "report_exported" && (long)f["accounts"]! == 1 && (long)f["events"]! == 2);
    }
}
