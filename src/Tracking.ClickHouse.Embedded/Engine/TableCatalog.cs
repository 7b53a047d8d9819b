using System.Text;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>A table or view as the catalog lists it, and whether it has a <c>project_id</c> column.</summary>
internal readonly record struct CatalogTable(string Database, string Name, bool HasProjectId);

/// <summary>
/// Every table and view chDB knows at the moment of reading (system.tables, with project_id columns from
/// system.columns). Names come hex-encoded, so no name, however odd, can break the parse of the list.
/// </summary>
internal static class TableCatalog
{
    /// <summary>Run with the session's settings at their defaults (see <see cref="ChdbEngine.ExecuteAsync"/>).</summary>
    public static ReadOnlySpan<byte> Query => """
        SELECT hex(database), hex(name), (database, name) IN (SELECT database, table FROM system.columns WHERE name = 'project_id')
        FROM system.tables
        WHERE NOT is_temporary
        """u8;

    /// <summary>The tables of the TabSeparated answer to <see cref="Query"/>.</summary>
    public static List<CatalogTable> Parse(ReadOnlySpan<byte> answer)
    {
        var tables = new List<CatalogTable>();
        foreach (var line in Encoding.ASCII.GetString(answer).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new FormatException("unexpected line in the table catalog: " + line);
            }

            tables.Add(new CatalogTable(FromHex(fields[0]), FromHex(fields[1]), fields[2] == "1"));
        }

        return tables;
    }

    private static string FromHex(string hex) => Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
