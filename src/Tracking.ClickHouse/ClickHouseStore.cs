using System.Text.RegularExpressions;
using ClickHouse.Driver;

namespace Tracking.ClickHouse;

/// <summary>The application's one way to ClickHouse: a thread-safe ClickHouse.Driver client and the database name.</summary>
public sealed partial class ClickHouseStore : IDisposable
{
    public ClickHouseStore(string connectionString, string database)
    {
        if (!IdentifierPattern().IsMatch(database))
        {
            throw new ArgumentException($"ClickHouse:Database '{database}' must be a plain identifier (letters, digits, underscore)", nameof(database));
        }

        Client = new ClickHouseClient(connectionString);
        Database = database;
    }

    public ClickHouseClient Client { get; }

    public string Database { get; }

    /// <summary>Fully qualified name of a table of this database.</summary>
    public string Table(string name) => $"{Database}.{name}";

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
