// Rebalances and broker outages take wall-clock seconds; on two shared cores, running these tests one
// after another keeps them from starving each other's heartbeats.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
