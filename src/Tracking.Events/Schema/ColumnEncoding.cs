namespace Tracking.Events.Schema;

/// <summary>How a column's value is encoded in an event record (ClickHouse RowBinary, which Native shares).</summary>
public enum ColumnEncoding
{
    /// <summary>A LEB128 length, then UTF-8 bytes.</summary>
    Text,

    /// <summary>DateTime64(3): Int64 milliseconds since the epoch, little-endian.</summary>
    Milliseconds,

    /// <summary>One byte, 0 or 1.</summary>
    Bool,

    /// <summary>Two bytes, little-endian.</summary>
    Unsigned16,
}

public static class ColumnEncodings
{
    /// <summary>Byte width of a value; 0 for a length-prefixed string.</summary>
    public static int FixedSize(this ColumnEncoding encoding) => encoding switch
    {
        ColumnEncoding.Milliseconds => 8,
        ColumnEncoding.Bool => 1,
        ColumnEncoding.Unsigned16 => 2,
        _ => 0,
    };

    /// <summary>
    /// The ClickHouse type a value travels as. LowCardinality columns travel as String: the server converts
    /// a whole column at once, a fraction of the cost of building their dictionaries value by value.
    /// </summary>
    public static string WireType(this ColumnEncoding encoding) => encoding switch
    {
        ColumnEncoding.Milliseconds => "DateTime64(3, 'UTC')",
        ColumnEncoding.Bool => "Bool",
        ColumnEncoding.Unsigned16 => "UInt16",
        _ => "String",
    };
}
