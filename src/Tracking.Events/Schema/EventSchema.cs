using System.Buffers;
using System.Buffers.Binary;

namespace Tracking.Events.Schema;

/// <summary>
/// The one definition of the event columns: the collector's records, the loader's inserts, the migrations
/// that add columns and the cluster schema's check all derive from this list.
/// <para>
/// A record is a version byte followed by the values of that version's columns in RowBinary, in list order.
/// Columns are only ever appended, each with the version that introduced it, so the columns of version v
/// are the prefix of the list with <see cref="EventColumn.Since"/> ≤ v. A released column never changes;
/// a new one comes with a new <see cref="CurrentVersion"/> and a migration that adds it to the table
/// (<c>Schema.AddedInVersion</c>).
/// </para>
/// </summary>
public static class EventSchema
{
    /// <summary>The version the collector writes.</summary>
    public const byte CurrentVersion = 2;

    /// <summary>
    /// The oldest version the loader still reads: records an older collector wrote, still in the log or
    /// still being written during a rolling upgrade. At least the one before <see cref="CurrentVersion"/>.
    /// </summary>
    public const byte OldestReadableVersion = 1;

    public static readonly IReadOnlyList<EventColumn> Columns =
    [
        Str("project_id", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.ProjectId)),
        Str("message_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.MessageId)),
        Str("type", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.Type)),
        Str("event", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.Event)),
        Str("anonymous_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.AnonymousId)),
        Str("user_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.UserId)),
        Str("group_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.GroupId)),
        Str("session_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.SessionId)),
        Time("timestamp", static (o, in r) => Int64(o, r.TimestampMs)),
        Time("received_at", static (o, in r) => Int64(o, r.ReceivedAtMs)),
        Str("page_url", "String", static (o, in r) => RowBinary.WriteBytes(o, r.PageUrl)),
        Str("page_path", "String", static (o, in r) => RowBinary.WriteBytes(o, r.PagePath)),
        Str("page_title", "String", static (o, in r) => RowBinary.WriteBytes(o, r.PageTitle)),
        Str("referrer", "String", static (o, in r) => RowBinary.WriteBytes(o, r.Referrer)),
        Str("referrer_host", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.ReferrerHost)),
        Str("utm_source", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.UtmSource)),
        Str("utm_medium", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.UtmMedium)),
        Str("utm_campaign", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.UtmCampaign)),
        Str("utm_term", "String", static (o, in r) => RowBinary.WriteBytes(o, r.UtmTerm)),
        Str("utm_content", "String", static (o, in r) => RowBinary.WriteBytes(o, r.UtmContent)),
        Str("keyword", "String", static (o, in r) => RowBinary.WriteText(o, r.Keyword)),
        Str("search_engine", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.SearchEngine)),
        Str("browser", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.Browser)),
        Str("browser_version", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.BrowserVersion)),
        Str("os", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.Os)),
        Str("device_type", "LowCardinality(String)", static (o, in r) => RowBinary.WriteText(o, r.DeviceType)),
        new("is_bot", "Bool", ColumnEncoding.Bool, 1, static (o, in r) => Byte(o, r.IsBot ? (byte)1 : (byte)0)),
        Str("ip", "String", static (o, in r) => RowBinary.WriteText(o, r.Ip)),
        Str("user_agent", "String", static (o, in r) => RowBinary.WriteBytes(o, r.UserAgent), Zstd),
        Str("locale", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.Locale)),
        new("screen_width", "UInt16", ColumnEncoding.Unsigned16, 1, static (o, in r) => UInt16(o, r.ScreenWidth)),
        new("screen_height", "UInt16", ColumnEncoding.Unsigned16, 1, static (o, in r) => UInt16(o, r.ScreenHeight)),
        Str("properties", "String", static (o, in r) => RowBinary.WriteBytes(o, r.Properties), Zstd),
        Str("traits", "String", static (o, in r) => RowBinary.WriteBytes(o, r.Traits), Zstd),

        // Version 2: the rest of the Segment spec, so nothing a report or a user may query is lost.
        Str("name", "String", static (o, in r) => RowBinary.WriteBytes(o, r.Name), since: 2),
        Str("category", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.Category), since: 2),
        Str("previous_id", "String", static (o, in r) => RowBinary.WriteBytes(o, r.PreviousId), since: 2),
        Str("library_name", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.LibraryName), since: 2),
        Str("library_version", "LowCardinality(String)", static (o, in r) => RowBinary.WriteBytes(o, r.LibraryVersion), since: 2),
        Str("context_traits", "String", static (o, in r) => RowBinary.WriteBytes(o, r.ContextTraits), Zstd, since: 2),
        Str("context", "String", static (o, in r) => RowBinary.WriteBytes(o, r.Context), Zstd, since: 2),
    ];

    private static readonly RecordLayout[] Layouts = Enumerable.Range(0, CurrentVersion + 1)
        .Select(v => new RecordLayout((byte)v, Columns.Where(c => c.Since <= v)))
        .ToArray();

    /// <summary>The layout the collector writes.</summary>
    public static RecordLayout Current => Layouts[CurrentVersion];

    /// <summary>The columns of a record of <paramref name="version"/> (1..<see cref="CurrentVersion"/>).</summary>
    public static RecordLayout Layout(byte version) =>
        version is >= 1 and <= CurrentVersion ? Layouts[version] : throw new ArgumentOutOfRangeException(nameof(version), version, "no such record version");

    private const string Zstd = "ZSTD(3)";

    private static EventColumn Str(string name, string type, ColumnWriter write, string codec = "", byte since = 1) =>
        new(name, type, ColumnEncoding.Text, since, write, codec);


    private static EventColumn Time(string name, ColumnWriter write) =>
        new(name, "DateTime64(3, 'UTC')", ColumnEncoding.Milliseconds, 1, write);

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
}
