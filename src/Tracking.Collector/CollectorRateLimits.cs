using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tracking.Collector;

/// <summary>
/// Per client IP and per write key token buckets (System.Threading.RateLimiting, the limiter under ASP.NET Core's
/// rate-limiting middleware). They are consulted by the handler rather than the middleware because most browser
/// requests carry their write key in the body, known only once it is parsed.
/// </summary>
internal sealed class CollectorRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress>? _perClientIp;
    private readonly PartitionedRateLimiter<string>? _perProject;

    public CollectorRateLimits(IOptions<CollectorOptions> options)
    {
        var limits = options.Value.RateLimits;
        _perClientIp = Create<IPAddress>(limits.PerClientIpRequestsPerSecond, limits.PerClientIpBurst);
        _perProject = Create<string>(limits.PerWriteKeyRequestsPerSecond, limits.PerWriteKeyBurst);
    }

    /// <summary>How long the client must wait, or null when the request may go on.</summary>
    public TimeSpan? ForClientIp(IPAddress? address) => Acquire(_perClientIp, address ?? IPAddress.None);

    /// <summary>A project has one write key, so its id partitions the write-key limit without keeping the key.</summary>
    public TimeSpan? ForProject(string projectId) => Acquire(_perProject, projectId);

    public void Dispose()
    {
        _perClientIp?.Dispose();
        _perProject?.Dispose();
    }

    private static PartitionedRateLimiter<T>? Create<T>(int perSecond, int burst)
        where T : notnull
    {
        if (perSecond <= 0)
        {
            return null;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst > 0 ? burst : perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return PartitionedRateLimiter.Create<T, T>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    private static TimeSpan? Acquire<T>(PartitionedRateLimiter<T>? limiter, T key)
    {
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }
}
