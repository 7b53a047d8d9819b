namespace Tracking.ClickHouse.Embedded.Sql;

internal enum StatementKind
{
    Empty,

    /// <summary>SET or USE: only meaningful for the request that sends it over sessionless HTTP.</summary>
    SessionControl,

    /// <summary>SELECT, WITH, SHOW, DESCRIBE, EXISTS, EXPLAIN: what a read-only user may run.</summary>
    Read,
    Insert,
    Other,
}

internal enum SettingsClause
{
    None,

    /// <summary>Before FORMAT or inside a subquery: a clause appended after the statement is still valid.</summary>
    Inside,

    /// <summary>After the query's FORMAT: the statement's last clause, which further settings must extend.</summary>
    Trailing,
}

/// <summary>
/// Where an INSERT's inline data starts and where a <c>FROM INFILE</c> clause would go instead.
/// Offsets are into the analysed UTF-8 text.
/// </summary>
/// <param name="InfileAt">Where <c>FROM INFILE</c> belongs: before SETTINGS, else before FORMAT/VALUES.</param>
/// <param name="ClauseStart">Start of the FORMAT or VALUES keyword.</param>
/// <param name="Format">Input format name (<c>Values</c> for a VALUES clause).</param>
/// <param name="DataStart">First byte of the data, after ClickHouse's whitespace rule.</param>
internal sealed record InlineInsert(int InfileAt, int ClauseStart, string Format, int DataStart);

/// <summary>What the server needs to know about a statement before running it.</summary>
/// <param name="Kind">Statement class by its first keyword.</param>
/// <param name="IsMultiStatement">More than one statement, which ClickHouse's HTTP interface refuses.</param>
/// <param name="Insert">The inline data of an INSERT, when it has any.</param>
/// <param name="OutputFormat">The trailing <c>FORMAT name</c> of a query, if it names one.</param>
/// <param name="NeedsMoreText">The text was a prefix and ended before the answer was certain.</param>
/// <param name="Hazard">Why the statement is refused for every user (see <see cref="StatementHazards"/>), or null.</param>
/// <param name="End">Offset just past the statement's last token, before a closing <c>;</c> or comment.</param>
/// <param name="Settings">Where the query has a SETTINGS clause, subqueries included.</param>
internal sealed record StatementShape(
    StatementKind Kind,
    bool IsMultiStatement,
    InlineInsert? Insert,
    string? OutputFormat,
    bool NeedsMoreText,
    string? Hazard,
    int End,
    SettingsClause Settings = SettingsClause.None)
{
    public bool HasSettingsClause => Settings != SettingsClause.None;

    public static StatementShape Incomplete { get; } = new(StatementKind.Other, false, null, null, NeedsMoreText: true, null, 0);
}
