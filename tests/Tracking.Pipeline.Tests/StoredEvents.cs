using Tracking.Testing;

namespace Tracking.Pipeline.Tests;

internal static class StoredEvents
{
    /// <summary>Exactly the expected events of a test run (message ids starting "run-") reached ClickHouse, waiting for the loader when some are expected.</summary>
    public static async Task AssertCountAsync(HostProcess host, string run, int expected)
    {
        var where = $"startsWith(message_id, '{run}-')";
        if (expected > 0)
        {
            await ClickHouseHttp.WaitForEventsAsync(host.ClickHouseAddress, expected, where: where);
        }
        else
        {
            await Task.Delay(1000);
        }

        Assert.Equal(expected, await ClickHouseHttp.CountAsync(host.ClickHouseAddress, $"SELECT count() FROM tracking.events WHERE {where}"));
    }
}
