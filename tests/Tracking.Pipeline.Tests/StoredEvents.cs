using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

internal static class StoredEvents
{
    /// <summary>
    /// Exactly the expected events of a test run (message ids starting "run-") reached ClickHouse, counted
    /// once the loader caught up with a marker sent after them (so "none" is proved, not waited for).
    /// </summary>
    public static async Task AssertCountAsync(HostProcess host, string run, int expected)
    {
        await LoadMarker.SendAndWaitAsync(host);
        Assert.Equal(expected, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE startsWith(message_id, '{run}-')"));
    }
}
