using System.Globalization;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Tests.Unit;

public class MessageIdTests
{
    [Fact]
    public void Ids_are_version_7_unique_and_ordered_by_millisecond()
    {
        var at = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var ids = Enumerable.Range(0, 200_000).Select(i => MessageIds.Next(at.AddMilliseconds(i / 1_000))).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Take(1_000), id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Contains(id.ToString()[19], "89ab");
        });

        var milliseconds = (at - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        Assert.StartsWith(milliseconds.ToString("x12", CultureInfo.InvariantCulture), ids[0].ToString("N"), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(ids[^1].ToString(), ids[0].ToString()) > 0);
    }
}
