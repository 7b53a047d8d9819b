using Tracking.Testing;
using Xunit;

namespace Tracking.Pipeline.Tests;

/// <summary>One real host loaded with the generated funnel dataset, sent in random order with some resends.</summary>
public sealed class FunnelReportFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("tracking-funnel");

    public FunnelReportFixture()
    {
        Host = new HostProcess(_data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
    }

    public HostProcess Host { get; }

    public FunnelDataset Dataset { get; private set; } = null!;

    public ExpectedFunnel Expected { get; private set; } = null!;

    public DateTimeOffset From { get; } = new(DateTimeOffset.UtcNow.AddHours(-30).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public DateTimeOffset To => From.AddHours(20);

    public async Task InitializeAsync()
    {
        Dataset = FunnelDataset.Generate(seed: 20261204, people: 500, accounts: 160, From, To);

        // Arrival order is not time order: links may arrive before or after what they stitch.
        var shuffled = Dataset.Events.Select(e => e.Json).OrderBy(_ => Random.Shared.Next()).ToList();
        await DatasetLoading.StartAndLoadAsync(Host, shuffled, resent: shuffled.Take(500).ToList());
        var ids = string.Join(", ", Dataset.Events.Where(e => e.Type == "page").Select(e => $"'{e.MessageId}'"));
        Expected = new ExpectedFunnel(Dataset.Events) { PageIdHashes = await MessageIdHashes.OfAsync(Host, ids) };
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
