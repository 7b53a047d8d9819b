using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A fresh real host shared by one test class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("tracking-host");

    public HostFixture()
    {
        Host = new HostProcess(_data.Path, new Dictionary<string, string> { ["Loader__FlushInterval"] = "00:00:00.200" });
    }

    public HostProcess Host { get; }

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
