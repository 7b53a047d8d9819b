using ClickHouse.Driver.ADO.Parameters;

namespace Tracking.Reports.Shared;

/// <summary>
/// What every report over the session model asks for: a project's sessions that started in a range,
/// with or without bots, narrowed by filters. Builds the FROM/WHERE part and its parameters.
/// </summary>
public sealed record SessionQuery(ReportRange Range, SessionFilters Filters, bool IncludeBots = false)
{
    /// <summary>
    /// How far around the range events are read to see whole sessions: a session that started in range
    /// may go on past its end, and a visitor's activity just before it decides where a server-side session starts.
    /// </summary>
    public static readonly TimeSpan SessionReach = TimeSpan.FromDays(1);

    /// <summary>FROM the sessions WHERE they landed and pass the filters; the caller adds SELECT and GROUP BY.</summary>
    public string FromWhere(string database, bool withSource = false) =>
        $"""
        FROM ({SessionsSql.Build(database, withSource || Filters.NeedSource)})
        WHERE landed{Filters.Sql()}
        """;

    public ClickHouseParameterCollection Parameters(string project)
    {
        var parameters = new ClickHouseParameterCollection
        {
            Parameter("project", project),
            Parameter("from", Range.From.UtcDateTime),
            Parameter("to", Range.To.UtcDateTime),
            Parameter("reachFrom", (Range.From - SessionReach).UtcDateTime),
            Parameter("reachTo", (Range.To + SessionReach).UtcDateTime),
            Parameter("includeBots", IncludeBots ? (byte)1 : (byte)0),
        };
        Filters.AddParameters(parameters);
        return parameters;
    }

    public static ClickHouseDbParameter Parameter(string name, object value) => new() { ParameterName = name, Value = value };
}
