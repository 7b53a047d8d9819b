using Tracking.Collector;

namespace Tracking.Collector.Tests;

/// <summary>The bound of the push-back (Collector:MaxBacklogSeconds / MaxBacklogEvents) from the loader's measured drain rate.</summary>
public sealed class BacklogBoundTests
{
    [Fact]
    public void The_bound_is_what_the_loader_drains_in_the_configured_seconds()
    {
        Assert.Equal(420_000, BacklogLimit.Bound(new CollectorOptions { MaxBacklogSeconds = 3 }, loaderInProcess: true, drainRate: 140_000));
    }

    [Fact]
    public void A_low_drain_rate_never_bounds_the_backlog_below_the_floor()
    {
        // 2 events/s measured on a quiet site: 3 s of it would refuse the seventh event of a burst.
        Assert.Equal(50_000, BacklogLimit.Bound(new CollectorOptions { MaxBacklogSeconds = 3 }, loaderInProcess: true, drainRate: 2));
        Assert.Equal(1_000, BacklogLimit.Bound(new CollectorOptions { MaxBacklogSeconds = 3, MinBacklogEvents = 1_000 }, loaderInProcess: true, drainRate: 2));
    }

    [Fact]
    public void Without_a_measured_drain_rate_or_with_the_seconds_off_there_is_no_bound()
    {
        Assert.Equal(long.MaxValue, BacklogLimit.Bound(new CollectorOptions(), loaderInProcess: true, drainRate: 0));
        Assert.Equal(long.MaxValue, BacklogLimit.Bound(new CollectorOptions { MaxBacklogSeconds = 0 }, loaderInProcess: true, drainRate: 140_000));
    }

    [Fact]
    public void A_fixed_event_bound_replaces_the_measured_one()
    {
        Assert.Equal(5_000, BacklogLimit.Bound(new CollectorOptions { MaxBacklogEvents = 5_000 }, loaderInProcess: true, drainRate: 140_000));
    }

    [Fact]
    public void A_collector_without_a_loader_in_its_process_never_pushes_back()
    {
        Assert.Equal(long.MaxValue, BacklogLimit.Bound(new CollectorOptions { MaxBacklogEvents = 5_000 }, loaderInProcess: false, drainRate: 140_000));
    }
}
