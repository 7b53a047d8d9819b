using Tracking.Sdk;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>A key-path funnel over Step events sent through the real SDK to the real host.</summary>
public sealed class KeyPathFunnelTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string[] Onboarding = ["signed_up", "invite_sent", "project_created"];

    [Fact]
    public async Task A_key_path_funnel_is_the_funnel_of_its_steps_in_step_index_order()
    {
        var from = DateTimeOffset.UtcNow.AddHours(-10);
        var to = from.AddHours(8);
        var options = new TrackingOptions { Endpoint = fixture.Host.BaseAddress, WriteKey = fixture.Host.WriteKey, FlushInterval = TimeSpan.FromMilliseconds(100) };
        options.KeyPaths["onboarding"] = [.. Onboarding];
        options.KeyPaths["checkout"] = ["cart", "paid"];

        // Person i gets (i % 3) + 1 steps of onboarding, i * 7 seconds apart; the last step is sent first.
        var levels = new List<(int Level, double GapSeconds)>();
        await using (var client = new TrackingClient(options))
        {
            for (var i = 0; i < 30; i++)
            {
                var visitor = Visitor.User($"kp-user-{i}");
                var level = (i % 3) + 1;
                var gap = TimeSpan.FromSeconds(7 * (i + 1));
                var start = from.AddMinutes(10 * i);
                for (var step = level - 1; step >= 0; step--)
                {
                    Assert.True(client.Step("onboarding", Onboarding[step], visitor, timestamp: start + (gap * step)));
                }

                // Another key path and steps out of order (invite before sign-up) are not progress.
                Assert.True(client.Step("checkout", "cart", visitor, timestamp: start.AddSeconds(1)));
                Assert.True(client.Step("onboarding", "invite_sent", Visitor.User($"kp-early-{i}"), timestamp: start));
                Assert.True(client.Step("onboarding", "signed_up", Visitor.User($"kp-early-{i}"), timestamp: start.AddSeconds(5)));
                levels.Add((level, gap.TotalSeconds));
            }

            // Early inviters enter at sign-up and reach step 1 only.
            levels.AddRange(Enumerable.Repeat((1, 0.0), 30));
            await client.FlushAsync();
        }

        await LoadMarker.SendAndWaitAsync(fixture.Host);
        var answer = await ReportClient.GetAsync(fixture.Host, $"funnel?keyPath=onboarding&{ReportClient.Range(from, to)}&window=1h");

        var steps = answer["steps"]!.AsArray();
        Assert.Equal(Onboarding.Select(s => $"event:{s}{{key_path=onboarding}}"), steps.Select(s => s!["step"]!.GetValue<string>()));
        var expected = Enumerable.Range(1, Onboarding.Length).Select(k =>
        {
            var reached = levels.Where(l => l.Level >= k).ToList();
            var gaps = reached.Select(l => l.GapSeconds).Order().ToList();
            double? median = k == 1 ? null : gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[(gaps.Count / 2) - 1] + gaps[gaps.Count / 2]) / 2;
            return (Count: (long)reached.Count, Median: median);
        }).ToList();
        var figures = expected.Select((e, k) => new ExpectedStepFigures(
            e.Count,
            (double)e.Count / expected[0].Count,
            k == 0 ? null : (double)e.Count / expected[k - 1].Count,
            e.Median)).ToList();
        FunnelReportTests.AssertSteps(figures, steps, "onboarding");
    }
}
