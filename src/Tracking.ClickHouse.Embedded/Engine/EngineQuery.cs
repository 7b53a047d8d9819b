namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>One statement with the per-request context ClickHouse's HTTP interface gives it.</summary>
/// <param name="Text">UTF-8 statement text (may hold binary data only if the caller checked it is safe).</param>
/// <param name="Format">Output format unless the statement names its own (default_format).</param>
/// <param name="Database">Current database for this statement.</param>
/// <param name="Parameters">Values for <c>{name:Type}</c> placeholders (param_name=value).</param>
/// <param name="Settings">ClickHouse settings that apply to this statement only.</param>
/// <param name="Priority">Whose statement it is, which decides its place in the queue for the connection.</param>
/// <param name="TextForCatalog">
/// When set, the text actually run: made from the tables that exist at the moment it runs, read under the same
/// hold of the connection, so that no statement (a migration adding a table) comes in between.
/// </param>
internal sealed record EngineQuery(
    ReadOnlyMemory<byte> Text,
    string Format,
    string Database,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyDictionary<string, string> Settings,
    QueryPriority Priority = QueryPriority.Internal,
    Func<IReadOnlyList<CatalogTable>, ReadOnlyMemory<byte>>? TextForCatalog = null);
