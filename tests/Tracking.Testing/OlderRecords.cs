using System.Text;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.Testing;

/// <summary>
/// Event records as a collector of a given record version writes them: the older (or newer) side of a
/// rolling upgrade, for tests that put such records straight into an event log.
/// </summary>
public static class OlderRecords
{
    /// <summary>The project the hosts' keys belong to by default.</summary>
    public const string DefaultProject = "default";

    /// <summary>
    /// A <c>click</c> track event of <paramref name="anonymousId"/> as a record of <paramref name="version"/>.
    /// Every column of later versions carries a value too (library "records-test"), so a record of a later
    /// version differs visibly from an older one once stored.
    /// </summary>
    public static byte[] Click(byte version, string messageId, string anonymousId, DateTimeOffset time)
    {
        var row = new EventRow
        {
            ProjectId = DefaultProject,
            MessageId = Encoding.UTF8.GetBytes(messageId),
            Type = EventTypes.Track,
            Event = Encoding.UTF8.GetBytes(EventNames.Click),
            AnonymousId = Encoding.UTF8.GetBytes(anonymousId),
            TimestampMs = time.ToUnixTimeMilliseconds(),
            ReceivedAtMs = time.ToUnixTimeMilliseconds(),
            ReferrerHost = string.Empty,
            Keyword = string.Empty,
            SearchEngine = string.Empty,
            Browser = string.Empty,
            BrowserVersion = string.Empty,
            Os = string.Empty,
            DeviceType = string.Empty,
            Ip = string.Empty,
            LibraryName = "records-test"u8,
            LibraryVersion = "1.0"u8,
        };
        using var output = new PooledBufferWriter(512);
        EventRecordWriter.Write(output, row, EventSchema.Layout(version));
        return output.WrittenSpan.ToArray();
    }
}
