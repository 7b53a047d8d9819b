namespace Tracking.Pipeline.Tests;

/// <summary>
/// A host with both rate limits on, at rates a test can exceed at once: per client IP 1/s (burst 3), per write
/// key 1/s (burst 6); it exports its metrics to <see cref="Otlp"/>.
/// </summary>
public sealed class RateLimitedHostFixture : HostFixture
{
    public RateLimitedHostFixture()
        : this(new OtlpSink())
    {
    }

    private RateLimitedHostFixture(OtlpSink otlp)
        : base(new Dictionary<string, string>(otlp.HostSettings)
        {
            ["Collector__RateLimits__PerClientIpRequestsPerSecond"] = "1",
            ["Collector__RateLimits__PerClientIpBurst"] = "3",
            ["Collector__RateLimits__PerWriteKeyRequestsPerSecond"] = "1",
            ["Collector__RateLimits__PerWriteKeyBurst"] = "6",
        })
    {
        Otlp = otlp;
    }

    public OtlpSink Otlp { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Otlp.Dispose();
    }
}
