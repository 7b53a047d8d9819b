using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>One real host loaded with a generated landing-page dataset, shared by the report tests.</summary>
public sealed class LandingReportFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("tracking-landing");

    public LandingReportFixture()
    {
        Host = new HostProcess(_data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
    }

    public HostProcess Host { get; }

    public LandingDataset Dataset { get; private set; } = null!;

    /// <summary>The report range: sessions are generated from an hour before it to an hour after it.</summary>
    public DateTimeOffset From { get; } = TruncateToSecond(DateTimeOffset.UtcNow.AddHours(-30));

    public DateTimeOffset To => From.AddHours(20);

    public async Task InitializeAsync()
    {
        Dataset = LandingDataset.Generate(seed: 20261123, sessionCount: 1700, From, To);
        var events = Dataset.Events.Select(e => e.Json).ToList();
        await DatasetLoading.StartAndLoadAsync(Host, events, resent: events.Take(1000).ToList());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

/// <summary>The report test classes share one loaded host.</summary>
[CollectionDefinition(Name)]
public sealed class LandingDatasetCollection : ICollectionFixture<LandingReportFixture>
{
    public const string Name = "landing dataset";
}
