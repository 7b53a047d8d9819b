using System.Text.Json.Nodes;
using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>
/// One host with two projects, each sent its own dataset through the collector with its own write key: the default
/// project A and a created project B, whose datasets reuse the same visitor, user and account ids. Beside it, one
/// host per dataset that only ever received that dataset: what each project's reports must equal exactly.
/// </summary>
public sealed class ProjectScopingFixture : IAsyncLifetime
{
    private readonly List<TempDirectory> _folders = [];

    public ProjectScopingFixture()
    {
        Shared = NewHost("tracking-projects");
        OnlyA = NewHost("tracking-only-a");
        OnlyB = NewHost("tracking-only-b");
    }

    public HostProcess Shared { get; }

    public HostProcess OnlyA { get; }

    public HostProcess OnlyB { get; }

    public AdminClient.Project ProjectB { get; private set; } = null!;

    public DateTimeOffset From { get; } = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(-30).UtcDateTime.Date, TimeSpan.Zero).AddHours(1);

    public DateTimeOffset To => From.AddHours(20);

    /// <summary>Risk and usage are judged at this time (the B2B datasets' own).</summary>
    public DateTimeOffset AccountsTo { get; } = new(DateTimeOffset.UtcNow.AddDays(-2).UtcDateTime.Date.AddHours(12), TimeSpan.Zero);

    public LandingDataset LandingA { get; private set; } = null!;

    public LandingDataset LandingB { get; private set; } = null!;

    /// <summary>Every event sent to project A (the default project), the landing and the B2B datasets', markers aside.</summary>
    public IReadOnlyList<JsonObject> EventsA { get; private set; } = [];

    /// <summary>Every event sent to project B.</summary>
    public IReadOnlyList<JsonObject> EventsB { get; private set; } = [];

    public async Task InitializeAsync()
    {
        LandingA = LandingDataset.Generate(seed: 22, sessionCount: 300, From, To);
        LandingB = LandingDataset.Generate(seed: 23, sessionCount: 180, From, To);
        var a = LandingA.Events.Select(e => e.Json).Concat(B2bDataset.Generate(seed: 22, AccountsTo, accountsPerShape: 2).Events).ToList();
        var b = LandingB.Events.Select(e => e.Json).Concat(B2bDataset.Generate(seed: 23, AccountsTo, accountsPerShape: 1).Events).ToList();

        (EventsA, EventsB) = (a, b);
        await Task.WhenAll(LoadAsync(OnlyA, a), LoadAsync(OnlyB, b), LoadSharedAsync(a, b));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { Shared, OnlyA, OnlyB })
        {
            await host.DisposeAsync();
        }

        _folders.ForEach(f => f.Dispose());
    }

    private static Task LoadAsync(HostProcess host, List<JsonObject> events) => DatasetLoading.StartAndLoadAsync(host, events, resent: []);

    private async Task LoadSharedAsync(List<JsonObject> a, List<JsonObject> b)
    {
        await Shared.StartAsync();
        ProjectB = await AdminClient.CreateAsync(Shared, "Project B");
        using var http = Shared.CreateClient();
        Assert.Equal(b.Count, await CollectorClient.SendAllAsync(http, ProjectB.WriteKey, b));
        Assert.Equal(a.Count, await CollectorClient.SendAllAsync(http, Shared.WriteKey, a));

        // One embedded log partition, loaded in order: once the default project's marker is stored, so is everything before it.
        await LoadMarker.SendAndWaitAsync(Shared);
    }

    private HostProcess NewHost(string name)
    {
        var folder = new TempDirectory(name);
        _folders.Add(folder);
        var settings = new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" };
        foreach (var (alias, feature) in B2bDataset.Aliases)
        {
            settings[$"Reports__Features__{alias}"] = feature;
        }

        return new HostProcess(folder.Path, settings);
    }
}
