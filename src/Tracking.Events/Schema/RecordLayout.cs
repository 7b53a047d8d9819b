namespace Tracking.Events.Schema;

/// <summary>The columns a record of one version holds, in the order they are written.</summary>
public sealed class RecordLayout
{
    internal RecordLayout(byte version, IEnumerable<EventColumn> columns)
    {
        Version = version;
        Columns = columns.ToArray();
        Names = Columns.Select(c => c.Name).ToArray();
        FixedSizes = Columns.Select(c => c.Encoding.FixedSize()).ToArray();
        WireTypes = Columns.Select(c => c.Encoding.WireType()).ToArray();
    }

    public byte Version { get; }

    public IReadOnlyList<EventColumn> Columns { get; }

    /// <summary>The column names, what an INSERT of these records lists.</summary>
    public string[] Names { get; }

    /// <summary>Byte width of each column's value; 0 for a length-prefixed string.</summary>
    public int[] FixedSizes { get; }

    /// <summary>The ClickHouse type each column travels as.</summary>
    public string[] WireTypes { get; }
}
