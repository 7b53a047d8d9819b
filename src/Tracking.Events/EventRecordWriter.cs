using System.Buffers;
using System.Buffers.Binary;

namespace Tracking.Events;

/// <summary>
/// Encodes an <see cref="EventRow"/> as an event record: a format-version byte followed by the row in
/// ClickHouse RowBinary, columns in <see cref="EventColumns.Names"/> order. The loader inserts records
/// by concatenating them, so the hot path never re-encodes an event after the collector.
/// </summary>
public static class EventRecordWriter
{
    public const byte FormatVersion = 1;

    public static void Write(IBufferWriter<byte> output, scoped in EventRow row)
    {
        Byte(output, FormatVersion);
        Text(output, row.ProjectId);
        Bytes(output, row.MessageId);
        Text(output, row.Type);
        Bytes(output, row.Event);
        Bytes(output, row.AnonymousId);
        Bytes(output, row.UserId);
        Bytes(output, row.GroupId);
        Bytes(output, row.SessionId);
        Int64(output, row.TimestampMs);
        Int64(output, row.ReceivedAtMs);
        Bytes(output, row.PageUrl);
        Bytes(output, row.PagePath);
        Bytes(output, row.PageTitle);
        Bytes(output, row.Referrer);
        Text(output, row.ReferrerHost);
        Bytes(output, row.UtmSource);
        Bytes(output, row.UtmMedium);
        Bytes(output, row.UtmCampaign);
        Bytes(output, row.UtmTerm);
        Bytes(output, row.UtmContent);
        Text(output, row.Keyword);
        Text(output, row.SearchEngine);
        Text(output, row.Browser);
        Text(output, row.BrowserVersion);
        Text(output, row.Os);
        Text(output, row.DeviceType);
        Byte(output, row.IsBot ? (byte)1 : (byte)0);
        Text(output, row.Ip);
        Bytes(output, row.UserAgent);
        Bytes(output, row.Locale);
        UInt16(output, row.ScreenWidth);
        UInt16(output, row.ScreenHeight);
        Bytes(output, row.Properties);
        Bytes(output, row.Traits);
    }

    private static void Byte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void Int64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void UInt16(IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void Bytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value) => RowBinary.WriteBytes(output, value);

    private static void Text(IBufferWriter<byte> output, string? value) => RowBinary.WriteText(output, value);
}
