using System.Globalization;

namespace Tracking.ClickHouse.Retention;

/// <summary>
/// The TTL clauses that enforce the projects' retention in ClickHouse itself: on each table holding a
/// project's events or rows derived from them, one DELETE rule per project with its own bound and one for
/// the projects that follow the default (ClickHouse allows several DELETE … WHERE rules; only one without
/// WHERE). ClickHouse deletes the expired rows at its next TTL merge (at most merge_with_ttl_timeout, 4
/// hours, after a part expires) and rewrites the existing parts when the TTL changes.
/// </summary>
public static class RetentionRules
{
    /// <summary>
    /// The tables with a project_id and the time that ages each row. A derived row goes when what it was
    /// derived from would: a session (and its flow row) with its first event, a usage row with its hour, an account with its latest group call (the
    /// time that starts its <see cref="Migrations.AccountRollup.LatestGroup"/> string), a membership with its
    /// group call. message_ids (no person's data, kept 8 days by its own TTL as the resend window) and
    /// message_id_probes (an hour) keep their TTL.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string RowTime)> ProjectTables =
    [
        ("events", "toDateTime(timestamp)"),
        ("sessions", "toDateTime(started)"),
        ("session_flows", "toDateTime(started)"),
        ("account_usage", "hour"),
        ("accounts", "toDateTime(parseDateTime64BestEffort(substring(latest_group, 1, 23), 3, 'UTC'))"),
        ("account_users", "toDateTime(joined_at)"),
    ];

    /// <summary>Days migration 3 keeps a dead letter; shorter when a project's bound is.</summary>
    public const int DeadLetterDays = 30;

    /// <summary>
    /// The TTL expression of a project table, or null when every project keeps its rows forever.
    /// </summary>
    /// <param name="own">Projects with their own setting: days, or null for forever.</param>
    /// <param name="defaultDays">The bound of every other project, or null for forever.</param>
    public static string? Ttl(string rowTime, IReadOnlyDictionary<string, int?> own, int? defaultDays)
    {
        var rules = own
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{rowTime} + INTERVAL {Days(p.Value!.Value)} DAY DELETE WHERE project_id = '{p.Key}'")
            .ToList();
        if (defaultDays is { } days)
        {
            var others = own.Count == 0
                ? string.Empty
                : " WHERE project_id NOT IN (" + string.Join(", ", own.Keys.Order(StringComparer.Ordinal).Select(p => $"'{p}'")) + ")";
            rules.Add($"{rowTime} + INTERVAL {Days(days)} DAY DELETE{others}");
        }

        return rules.Count == 0 ? null : string.Join(", ", rules);
    }

    /// <summary>
    /// dead_letters has no project column (a record that cannot be read has no trusted project), so it
    /// takes the shortest bound of any project when that is under <see cref="DeadLetterDays"/>.
    /// </summary>
    public static string DeadLettersTtl(IReadOnlyDictionary<string, int?> own, int? defaultDays)
    {
        var shortest = own.Values.Append(defaultDays).Where(d => d is not null).Select(d => d!.Value).Append(DeadLetterDays).Min();
        return $"toDateTime(received_at) + INTERVAL {Days(shortest)} DAY";
    }

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);
}
