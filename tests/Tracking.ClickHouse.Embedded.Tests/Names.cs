namespace Tracking.ClickHouse.Embedded.Tests;

/// <summary>Table names unique per test, since all tests share one persistent data folder.</summary>
internal static class Names
{
    public static string Table(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
