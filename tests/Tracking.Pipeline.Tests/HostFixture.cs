using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

/// <summary>A fresh real host shared by one test class.</summary>
public class HostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("tracking-host");

    public HostFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="settings">Configuration for this host on top of the tests' defaults.</param>
    protected HostFixture(IReadOnlyDictionary<string, string> settings)
    {
        Host = new HostProcess(_data.Path, new Dictionary<string, string>(settings) { ["Loader__FlushInterval"] = "00:00:00.200" });
    }

    public HostProcess Host { get; }

    public Task InitializeAsync() => Host.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
