using System.Buffers;

namespace Tracking.Events.Schema;

/// <summary>Writes one column's value of a row.</summary>
public delegate void ColumnWriter(IBufferWriter<byte> output, scoped in EventRow row);

/// <summary>
/// One column of the events table and of the event record.
/// </summary>
/// <param name="Name">The column's name in ClickHouse.</param>
/// <param name="Type">Its ClickHouse type in the table (what <c>system.columns.type</c> says).</param>
/// <param name="Encoding">How its value is encoded in a record.</param>
/// <param name="Since">The record version that introduced it: records of older versions lack it, and the table's default fills it.</param>
/// <param name="Write">Writes its value of a row.</param>
/// <param name="Codec">Its compression codec in the table (<c>system.columns.compression_codec</c>), or empty for the default.</param>
public sealed record EventColumn(string Name, string Type, ColumnEncoding Encoding, byte Since, ColumnWriter Write, string Codec = "")
{
    /// <summary>The column as in CREATE TABLE or ALTER TABLE … ADD COLUMN.</summary>
    public string Definition => Codec.Length == 0 ? $"{Name} {Type}" : $"{Name} {Type} CODEC({Codec})";
}
