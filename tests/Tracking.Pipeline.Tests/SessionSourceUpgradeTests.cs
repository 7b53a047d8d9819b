using System.Text.Json.Nodes;
using Tracking.ClickHouse.Migrations;
using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// A store whose sessions reached the rollup before migration 8 (which added their first page view's source
/// and device) reports the same sources and devices once upgraded, also after a migration 8 that stopped
/// halfway and for sessions whose events arrived on both sides of the upgrade.
/// </summary>
public sealed class SessionSourceUpgradeTests
{
    private const int Version = 8;

    [Fact]
    public async Task Sessions_stored_before_migration_8_report_their_source_and_device_after_it()
    {
        using var data = new TempDirectory("tracking-source-upgrade");
        var from = DateTimeOffset.UtcNow.AddHours(-30);
        from = new DateTimeOffset(from.Ticks - (from.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var to = from.AddHours(20);
        var dataset = LandingDataset.Generate(seed: 20261204, sessionCount: 400, from, to);
        var parts = Split(dataset);

        await using var host = new HostProcess(data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
        await host.StartAsync();

        // A host migrates to the newest schema when it starts, so the store of an older host is made by undoing
        // migration 8: what remains is what migrations 1-7 made, and the events below reach the rollup through
        // migration 4's view, without the column.
        await ExecuteAsync(host, $"ALTER TABLE {{db}}.sessions_mv MODIFY QUERY {SessionRollup.OfEvents}");
        await ExecuteAsync(host, "ALTER TABLE {db}.sessions DROP COLUMN first_source");
        await ExecuteAsync(host, $"ALTER TABLE {{db}}.schema_migrations DELETE WHERE version = {Version} SETTINGS mutations_sync = 2");
        await SendAsync(host, parts[0]);

        // Migration 8 stopped halfway: the column and the new view are there, the backfill and the record are not.
        foreach (var statement in Schema.Migrations.Single(m => m.Version == Version).Statements.Where(s => !s.StartsWith("INSERT", StringComparison.Ordinal)))
        {
            await ExecuteAsync(host, statement);
        }

        await SendAsync(host, parts[1]);
        await host.StopAsync();

        // The upgraded host runs migration 8 whole, then receives the rest of the sessions' events.
        await host.StartAsync();
        Assert.Equal(1, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, $"SELECT count() FROM tracking.schema_migrations FINAL WHERE version = {Version}"));
        await SendAsync(host, parts[2]);

        var counted = ExpectedReport.Counted(dataset.Sessions, from, to).ToList();
        foreach (var by in new[] { "source", "device", "searchEngine" })
        {
            ExpectedBreakdown.AssertAnswer(await ReportClient.GetAsync(host, $"breakdown?by={by}&{ReportClient.Range(from, to)}"), counted, by);
        }

        foreach (var filter in new[] { SessionFilter.Named("source"), SessionFilter.Named("device") })
        {
            var expected = ExpectedReport.Compute(dataset.Sessions.Where(filter.Matches), from, to, byKeyword: false, byPage: true);
            var rows = await ReportClient.LandingAsync(host, "page", from, to, "&" + filter.Query);
            Assert.Equal(expected.OrderBy(r => r.Page, StringComparer.Ordinal).Select(r => (r.Page, r.Sessions, r.Bounces, r.Leads)), rows.Select(r => ((string?)r["page"], (long)r["sessions"]!, (long)r["bounces"]!, (long)r["leads"]!)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// The events in three loads: before migration 8, between its view and its backfill, after it. Two sessions in
    /// three have their landing page view in the first (the rest in the last, so it arrives after later page
    /// views of its session); every other event goes to the second or the last.
    /// </summary>
    private static List<JsonObject>[] Split(LandingDataset dataset)
    {
        var parts = new[] { new List<JsonObject>(), new List<JsonObject>(), new List<JsonObject>() };
        foreach (var session in dataset.Events.GroupBy(e => e.SessionIndex))
        {
            var position = 0;
            foreach (var e in session.OrderBy(e => e.Timestamp))
            {
                var part = position == 0 ? (session.Key % 3 == 0 ? 2 : 0) : (position + session.Key) % 2 == 0 ? 1 : 2;
                parts[part].Add(e.Json);
                position++;
            }
        }

        return parts;
    }

    private static async Task SendAsync(HostProcess host, List<JsonObject> events)
    {
        using var http = host.CreateClient();
        Assert.Equal(events.Count, await CollectorClient.SendAllAsync(http, host.WriteKey, events));
        await LoadMarker.SendAndWaitAsync(host);
    }

    private static Task<string> ExecuteAsync(HostProcess host, string statement) =>
        ClickHouseHttp.QueryAsync(host.InternalClickHouseAddress, statement.Replace("{db}", "tracking", StringComparison.Ordinal));
}
