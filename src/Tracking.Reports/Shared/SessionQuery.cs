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

    /// <summary>
    /// The events of these sessions (those <see cref="FromWhere"/> selects) that meet <paramref name="condition"/>,
    /// as rows of session_key, message_id and <paramref name="columns"/> (plain event columns, which the
    /// condition may use). A client session's events are its sessionId's from the range's start to its reach; a
    /// server-side session's are keyed as the session model keys them. The loader stores a message resent within
    /// 7 days once (docs/resends.md), but a later copy, or one stored before that, may come more than once: removing copies across all events (LIMIT 1 BY message_id) cost 0.3–2.8 s
    /// CPU a report over 10M events, so each report counts message ids or removes copies within a session.
    /// </summary>
    public string Events(string database, string columns, string condition) =>
        $$"""
        SELECT session_key, message_id, {{columns}}
        FROM
        (
            SELECT session_id AS session_key, message_id, {{columns}}
            FROM {{database}}.events
            WHERE project_id = {project:String} AND session_id != ''
              AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {reachTo:DateTime64(3, 'UTC')}
              AND ({{condition}})
            UNION ALL
            SELECT session_key, message_id, {{columns}}
            FROM ({{SessionsSql.ServerSessionEvents(database, columns)}})
            WHERE {{condition}}
        )
        WHERE session_key IN (SELECT session_key {{FromWhere(database)}})
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
