using System.Text;
using Tracking.ClickHouse.Embedded.Native;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>
/// Makes the shared chDB session look fresh for every HTTP request, as sessionless ClickHouse HTTP
/// does: the settings and database a request asks for are applied before its statement and the
/// previous request's are undone. Only the difference is sent, so a client that repeats the same
/// settings (ClickHouse.Driver sends a few on every request) costs no extra statements.
/// Not thread-safe: used under the engine's lock.
/// </summary>
internal sealed class SessionState
{
    private static readonly string DefaultDatabase = "default";
    private static readonly KeyValuePair<string, string>[] NoParameters = [];

    private readonly ChdbConnection _connection;
    private Dictionary<string, string> _applied = new(StringComparer.Ordinal);
    private string _database = DefaultDatabase;

    public SessionState(ChdbConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Brings the session to the request's database and settings; a failure is returned, not thrown.</summary>
    public ChdbResult? Apply(string database, IReadOnlyDictionary<string, string> settings)
    {
        if (!string.Equals(database, _database, StringComparison.Ordinal))
        {
            // USE takes the name as a bound Identifier parameter, so no quoting of our own.
            var use = _connection.Execute("USE {db:Identifier}"u8, "TabSeparated", [new("db", database)]);
            if (!use.Succeeded)
            {
                return use;
            }

            use.Dispose();
            _database = database;
        }

        var assignments = Difference(settings);
        if (assignments.Length == 0)
        {
            return null;
        }

        var set = _connection.Execute(Encoding.UTF8.GetBytes("SET " + assignments), "TabSeparated", NoParameters);
        if (!set.Succeeded)
        {
            ResetEverything(settings.Keys);
            return set;
        }

        set.Dispose();
        _applied = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        return null;
    }

    private string Difference(IReadOnlyDictionary<string, string> settings)
    {
        var assignments = new StringBuilder();
        foreach (var name in _applied.Keys.Where(name => !settings.ContainsKey(name)))
        {
            Append(assignments, name, "DEFAULT");
        }

        foreach (var (name, value) in settings)
        {
            if (!_applied.TryGetValue(name, out var current) || !string.Equals(current, value, StringComparison.Ordinal))
            {
                Append(assignments, name, SqlQuoting.StringLiteral(value));
            }
        }

        return assignments.ToString();
    }

    /// <summary>After a failed SET nothing is known about the session; return every involved setting to its default.</summary>
    private void ResetEverything(IEnumerable<string> requested)
    {
        foreach (var name in _applied.Keys.Union(requested, StringComparer.Ordinal))
        {
            _connection.Execute(Encoding.UTF8.GetBytes($"SET {name} = DEFAULT"), "TabSeparated", NoParameters).Dispose();
        }

        _applied = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static void Append(StringBuilder assignments, string name, string value)
    {
        if (assignments.Length > 0)
        {
            assignments.Append(", ");
        }

        assignments.Append(name).Append(" = ").Append(value);
    }
}
