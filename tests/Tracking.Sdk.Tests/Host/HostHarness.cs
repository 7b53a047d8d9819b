using Tracking.Testing;

namespace Tracking.Sdk.Tests.Host;

/// <summary>A real single-node host in a fresh folder, tuned to load into ClickHouse quickly.</summary>
public sealed class HostHarness : IAsyncDisposable
{
    private readonly TempDirectory _data = new("sdk-host");

    public HostHarness()
    {
        Host = new HostProcess(_data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
    }

    public HostProcess Host { get; }

    public Uri ClickHouse => Host.ClickHouseAddress;

    public static async Task<HostHarness> StartAsync()
    {
        var harness = new HostHarness();
        await harness.Host.StartAsync();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>Host tests start OS processes with embedded ClickHouse: one at a time on small machines.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "host";
}
