using System.Text;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// The settings that make chDB itself show a project user only its project's rows: <c>additional_table_filters</c>
/// naming every table and view of every database, <c>project_id = '&lt;id&gt;'</c> for those with that column and
/// <c>0</c> (reads as empty) for the others, so a table nobody thought of is closed, not open. The list is made
/// from the catalog under the same hold of the connection as the query (<see cref="EngineQuery.TextForCatalog"/>):
/// a cached list would go stale when a migration adds a table, and that table would be read unfiltered.
/// </summary>
internal static class ProjectFilters
{
    /// <summary>Views over system tables, which are filtered themselves.</summary>
    private static readonly string[] SchemaViews = ["INFORMATION_SCHEMA", "information_schema"];

    private const string SystemDatabase = "system";

    /// <summary>
    /// System tables that describe the server and the schema, never rows or statement text, and are not
    /// filtered: metadata such as the row counts of shared tables (system.parts) stays visible. Every other system
    /// table reads as empty: system.errors and system.mutations hold other users' statements and values.
    /// </summary>
    private static readonly HashSet<string> MetadataTables = new(StringComparer.Ordinal)
    {
        "one", "numbers", "numbers_mt", "zeros", "zeros_mt", "primes", "databases", "tables", "columns", "parts",
        "parts_columns", "data_skipping_indices", "projections", "functions", "table_functions",
        "aggregate_function_combinators", "data_type_families", "formats", "settings", "merge_tree_settings",
        "table_engines", "database_engines", "time_zones", "build_options", "keywords", "collations", "codecs",
        "contributors", "licenses", "disks", "storage_policies", "metrics", "events",
    };

    /// <summary>
    /// The settings to add to a project user's statement. Besides the filters: no automatic move of the query's
    /// WHERE into PREWHERE, which chDB 26.5 evaluates before the filter, so an expression that fails on another
    /// project's row (<c>toUInt64(anonymous_id)</c>) would name that row's value in its error.
    /// </summary>
    public static string Settings(string projectId, IReadOnlyList<CatalogTable> tables)
    {
        var own = SqlQuoting.StringLiteral("project_id = " + SqlQuoting.StringLiteral(projectId));
        var settings = new StringBuilder("additional_table_filters = {");
        var first = true;
        foreach (var table in tables)
        {
            if (FilterOf(table, own) is not { } filter)
            {
                continue;
            }

            settings.Append(first ? "" : ", ").Append(SqlQuoting.StringLiteral(table.Database + "." + table.Name)).Append(": ").Append(filter);
            first = false;
        }

        return settings.Append("}, optimize_move_to_prewhere = 0").ToString();
    }

    private static string? FilterOf(CatalogTable table, string own) => table.Database switch
    {
        _ when SchemaViews.Contains(table.Database) => null,
        SystemDatabase => MetadataTables.Contains(table.Name) ? null : "'0'",
        _ => table.HasProjectId ? own : "'0'",
    };
}
