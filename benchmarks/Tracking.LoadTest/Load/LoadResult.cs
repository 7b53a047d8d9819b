namespace Tracking.LoadTest.Load;

/// <summary>What one measured load phase achieved. Latencies are milliseconds, sorted ascending.</summary>
internal sealed record LoadResult(
    double Seconds,
    long Requests,
    long Events,
    long Errors,
    string? FirstError,
    double[] LatenciesMs,
    long EventsIncludingWarmup)
{
    /// <summary>503s with Retry-After the generator waited out and sent again (the collector pushing back).</summary>
    public long PushedBack { get; init; }

    /// <summary>The run stopped at its event budget before the window's end; <see cref="Seconds"/> is the shorter window.</summary>
    public bool StoppedAtBudget { get; init; }

    public double EventsPerSecond => Events / Seconds;

    public double RequestsPerSecond => Requests / Seconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }
}
