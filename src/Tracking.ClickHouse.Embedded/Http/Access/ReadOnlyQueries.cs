using System.Globalization;
using System.Text;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// What a read-only request (the analyst's, any GET, or one with readonly=1) may do and the settings
/// that make chDB enforce it. The HTTP layer admits only reading statements and, for a read-only user,
/// only URL settings that make a query cheaper, safer or change how its result is written. chDB then
/// runs the statement with <c>SETTINGS ..., readonly = 1</c> appended: it refuses any write, DDL and
/// SETTINGS clause inside the statement itself (not every table function: merge() runs), and applies the analyst's limits.
/// </summary>
internal static class ReadOnlyQueries
{
    /// <summary>Bounds a read-only user may lower, with the configured value as the most it may ask for.</summary>
    private static readonly (string Name, Func<AnalystLimits, double> Bound)[] Limits =
    [
        ("max_execution_time", l => l.MaxExecutionTime.TotalSeconds),
        ("max_memory_usage", l => l.MaxMemoryUsage),
        ("max_result_rows", l => l.MaxResultRows),
        ("max_result_bytes", l => l.MaxResultBytes),
    ];

    /// <summary>Settings that only make a query cheaper or safer, or change only how its result is written.</summary>
    private static readonly HashSet<string> Harmless = new(StringComparer.Ordinal)
    {
        "max_threads", "max_block_size", "max_rows_to_read", "max_bytes_to_read", "max_rows_to_group_by",
        "max_rows_to_sort", "max_bytes_to_sort", "max_rows_in_join", "max_bytes_in_join", "max_rows_in_distinct",
        "max_result_rows", "max_result_bytes", "result_overflow_mode", "timeout_overflow_mode", "read_overflow_mode",
        "group_by_overflow_mode", "sort_overflow_mode", "join_overflow_mode", "distinct_overflow_mode",
        "max_execution_time", "max_memory_usage", "final", "extremes", "join_use_nulls", "session_timezone",
        "date_time_output_format", "interval_output_format", "use_query_cache",
    };

    /// <summary>
    /// Format options: how results are written, and how input would be read (ClickHouse.Driver sends some
    /// with every request, though a read-only user has no input); except output_format_schema, which writes a file.
    /// </summary>
    private static readonly string[] FormatPrefixes = ["output_format_", "input_format_"];
    private const string OutputFormatSchema = "output_format_schema";

    public static bool Applies(SqlUser user, bool isGet, HttpQueryParameters request) => user.IsReadOnly || isGet || request.ReadOnly;

    /// <summary>A URL setting a read-only user may not change, or a limit raised above its bound; null when all are allowed.</summary>
    public static ClickHouseError? CheckSettings(SqlUser user, HttpQueryParameters request)
    {
        if (user.Limits is not { } limits)
        {
            return null; // the internal user's GET: ClickHouse lets GET change settings (readonly=2)
        }

        if (request.ReadOnlyValue is "0")
        {
            return CannotModify(user, "readonly");
        }

        foreach (var (name, value) in request.Settings)
        {
            var allowed = Harmless.Contains(name) || (FormatPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && name != OutputFormatSchema);
            if (!allowed)
            {
                return CannotModify(user, name);
            }

            if (Limits.FirstOrDefault(l => l.Name == name) is { Name: not null } limit && !WithinBound(value, limit.Bound(limits)))
            {
                return ClickHouseError.Create(
                    ClickHouseError.SettingConstraintViolation,
                    "SETTING_CONSTRAINT_VIOLATION",
                    string.Create(CultureInfo.InvariantCulture, $"Setting {name} shouldn't be greater than {limit.Bound(limits)} nor 0 (unlimited) for {user.Name}"));
            }
        }

        return null;
    }

    /// <summary>
    /// A statement a read-only request cannot run; null when it may. A read-only user's statement may
    /// hold no SETTINGS clause: chDB checks readonly for the outer query's clause but applies a subquery's
    /// unchecked (readonly=0 in a subquery takes effect), so settings come as URL parameters only.
    /// </summary>
    public static ClickHouseError? CheckStatement(SqlUser user, bool isGet, StatementShape shape) => shape switch
    {
        { Kind: not (StatementKind.Read or StatementKind.SessionControl) } => ClickHouseError.Create(
            ClickHouseError.Readonly,
            "READONLY",
            $"{user.Name}: Cannot execute query in readonly mode" + (isGet && !user.IsReadOnly ? ": a GET request only reads; send other statements with POST" : "")),
        { HasSettingsClause: true } when user.IsReadOnly => ClickHouseError.Create(
            ClickHouseError.Readonly,
            "READONLY",
            $"{user.Name}: Cannot modify settings in readonly mode with a SETTINGS clause; pass allowed settings as URL parameters"),
        _ => null,
    };

    private static ClickHouseError CannotModify(SqlUser user, string setting) =>
        ClickHouseError.Create(ClickHouseError.Readonly, "READONLY", $"{user.Name}: Cannot modify '{setting}' setting in readonly mode");

    /// <summary>
    /// The statement up to its last token, then the settings that make chDB run it read-only and bounded:
    /// readonly=1 for a read-only user or readonly=1 asked, else (a GET, readonly=2 asked) readonly=2, which
    /// as in ClickHouse still lets the statement change settings. A statement ending in its own SETTINGS
    /// clause gets them added to it, since a second clause after FORMAT is a syntax error. A project user's
    /// <paramref name="scope"/> (<see cref="ProjectFilters"/>) goes before readonly too.
    /// </summary>
    public static ReadOnlyMemory<byte> Bounded(ReadOnlySpan<byte> text, StatementShape shape, SqlUser user, HttpQueryParameters request, string? scope = null)
    {
        var settings = request.Settings;
        var clause = new StringBuilder(shape.Settings == SettingsClause.Trailing ? ", " : "\nSETTINGS ");
        if (user.Limits is { } limits)
        {
            foreach (var (name, bound) in Limits)
            {
                // The asked value when CheckSettings let it through (lower), else the bound; a number either way.
                var value = settings.TryGetValue(name, out var asked) && TryParse(asked, out var lower) ? lower : bound(limits);
                clause.Append(name).Append(" = ").Append(value.ToString(CultureInfo.InvariantCulture)).Append(", ");
            }
        }

        if (scope is not null)
        {
            clause.Append(scope).Append(", ");
        }

        // Last, so that the settings before it are still accepted: readonly=1 forbids changing settings.
        clause.Append(user.IsReadOnly || request.ReadOnlyValue is "1" ? "readonly = 1" : "readonly = 2");
        var suffix = Encoding.UTF8.GetBytes(clause.ToString());
        var bounded = new byte[shape.End + suffix.Length];
        text[..shape.End].CopyTo(bounded);
        suffix.CopyTo(bounded.AsSpan(shape.End));
        return bounded;
    }

    private static bool WithinBound(string value, double bound) => TryParse(value, out var number) && number > 0 && number <= bound;

    private static bool TryParse(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
