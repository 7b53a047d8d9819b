namespace Tracking.ClickHouse.Embedded.Native;

/// <summary>What chDB reports about one executed statement, in the terms of X-ClickHouse-Summary.</summary>
internal readonly record struct QueryStatistics(
    ulong ResultRows,
    ulong ResultBytes,
    ulong ReadRows,
    ulong ReadBytes,
    ulong WrittenRows,
    ulong WrittenBytes,
    double ElapsedSeconds);
