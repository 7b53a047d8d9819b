using Tracking.LoadTest.Data;

namespace Tracking.Benchmarks;

/// <summary>The request bodies every collector benchmark uses: the load test's generated landing-page batches.</summary>
internal static class BenchmarkRequests
{
    public const int EventCount = 2_400;

    /// <summary>About 40 batches of 20–100 events, fixed by the seed.</summary>
    public static IReadOnlyList<BatchBody> Bodies { get; } =
        [.. BatchBodies.Generate(seed: 6, sessions: 600, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), EventCount).Bodies];
}
