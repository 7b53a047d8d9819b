namespace Tracking.Pipeline.Tests;

/// <summary>A host with both rate limits on, at rates a test can exceed at once: per client IP 1/s (burst 3), per write key 1/s (burst 6).</summary>
public sealed class RateLimitedHostFixture() : HostFixture(new Dictionary<string, string>
{
    ["Collector__RateLimits__PerClientIpRequestsPerSecond"] = "1",
    ["Collector__RateLimits__PerClientIpBurst"] = "3",
    ["Collector__RateLimits__PerWriteKeyRequestsPerSecond"] = "1",
    ["Collector__RateLimits__PerWriteKeyBurst"] = "6",
});
