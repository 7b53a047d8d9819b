using System.Globalization;
using Tracking.Events;
using Tracking.Events.Schema;

namespace Tracking.LoadTest.Reports;

/// <summary>
/// Landing-page traffic generated inside ClickHouse: sessions of 8 events (a landing page view, then for
/// 60% of sessions more pages, clicks and sometimes a lead; bounces get only system events), about three
/// sessions per visitor, keywords and landing pages as in the load test's dataset, 1 in 25 sessions a bot.
/// Every visitor is also a signed-in user of one of <see cref="Accounts"/> accounts (one group call each, at the
/// start); half of the track events carry the account as groupId, the other half only the userId.
/// Clicks carry the snippet's properties (selector, text, positions, four viewport widths); one in five of a
/// session's last interactions is an outbound click (an exit target); page_leave carries scroll_pct.
/// Session and message ids are shaped like the snippet's (<see cref="SnippetId"/>), and the data arrives in
/// time order, one chunk after another with its group calls, as a live site's batches do.
/// </summary>
internal static class ReportData
{
    /// <summary>Inserting in chunks keeps each statement well inside the client's timeout on a busy machine.</summary>
    public const int ChunkEvents = 1_000_000;

    public const int Accounts = 10_000;

    /// <summary>Visitors (and users) of a dataset of <paramref name="events"/>.</summary>
    public static long Visitors(int events) => Math.Max(1, events / 8 / 3);

    /// <summary>
    /// An id as the snippet makes it (sdk-js <c>uid()</c>: the time in base 36, then random digits): the time
    /// first, then a hash of <paramref name="seed"/>. The session rollups are ordered by session id, so ids that
    /// grow with time keep a new part's key range next to the newest rows; where parts do not overlap, FINAL
    /// reads them without merging (benchmarks/README.md, "Ids that start with the time").
    /// </summary>
    public static string SnippetId(string milliseconds, string seed) =>
        $"concat(lower(hex(toUInt64({milliseconds}))), substring(lower(hex(cityHash64({seed}))), 1, 10))";

    /// <summary>SQL of the time (ms) session <paramref name="session"/> of a dataset of <paramref name="events"/> starts at.</summary>
    public static string SessionStartMs(string session, int events, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"toInt64({from.ToUnixTimeMilliseconds()} + intDiv({session} * {(long)(to - from).TotalMilliseconds}, {events / 8}))");

    /// <summary>
    /// One group call per user, with the account's name and size, in the user's first session at its first page
    /// view's time (session s = the visitor's number): it changes no session's start, duration or bounce. The calls
    /// of the sessions of events <paramref name="first"/> .. first+count-1, inserted right after them.
    /// </summary>
    public static string GroupsSql(int events, long first, int count, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            INSERT INTO tracking.events (project_id, message_id, type, anonymous_id, user_id, group_id, session_id, timestamp, received_at, traits)
            SELECT 'default', {{SnippetId("start_ms", "'g', number")}}, 'group', concat('v-', toString(number)), concat('u-', toString(number)),
                concat('acct-', toString(number % {{Accounts}})), {{SnippetId("start_ms", "number")}},
                fromUnixTimestamp64Milli(start_ms, 'UTC') AS timestamp, timestamp,
                concat('{"name":"Account ', toString(number % {{Accounts}}), '","employees":', toString(cityHash64(number % {{Accounts}}) % 500), '}')
            FROM (SELECT number, {{SessionStartMs("number", events, from, to)}} AS start_ms FROM numbers({{first / 8}}, {{count / 8}}) WHERE number < {{Visitors(events)}})
            """);

    /// <summary>
    /// Events <paramref name="first"/> .. first+count-1 of a dataset of <paramref name="events"/>: the columns of
    /// record version 1, in its order (the later ones take the table's defaults).
    /// </summary>
    public static string InsertSql(int events, long first, int count, DateTimeOffset from, DateTimeOffset to)
    {
        return string.Create(CultureInfo.InvariantCulture, $$"""
            INSERT INTO tracking.events ({{string.Join(", ", EventSchema.Layout(1).Names)}})
            SELECT
                'default' AS project_id,
                {{SnippetId("ts_ms", "number")}} AS message_id,
                multiIf(p = 0, 'page', bounce, 'track', p IN (1, 3), 'page', 'track') AS type,
                multiIf(type = 'page', '', bounce, if(p = 7, 'page_leave', 'heartbeat'), p = 4 AND h % 5 = 0, 'lead', p = 4 AND h % 5 = 1, 'outbound', p IN (2, 4), 'click', if(p = 7, 'page_leave', 'heartbeat')) AS event,
                concat('v-', toString(s % {{Visitors(events)}})) AS anonymous_id,
                concat('u-', toString(s % {{Visitors(events)}})) AS user_id,
                if(type = 'track' AND h % 2 = 0, concat('acct-', toString(s % {{Visitors(events)}} % {{Accounts}})), '') AS group_id,
                {{SnippetId("start_ms", "s")}} AS session_id,
                fromUnixTimestamp64Milli(ts_ms, 'UTC') AS timestamp,
                timestamp AS received_at,
                concat('https://www.example.cn', page_path) AS page_url,
                multiIf(p = 0, ['/', '/pricing', '/features/crm', '/landing/spring-sale'][h % 4 + 1], p = 1, '/pricing', p = 3, '/features/crm', '/pricing') AS page_path,
                concat('Example ', page_path) AS page_title,
                if(p = 0 AND h % 3 = 0, 'https://www.baidu.com/s?wd=x', '') AS referrer,
                if(p = 0 AND h % 3 = 0, 'www.baidu.com', '') AS referrer_host,
                '' AS utm_source, '' AS utm_medium, '' AS utm_campaign, '' AS utm_term, '' AS utm_content,
                if(type = 'page', ['免费CRM', '客户管理系统', '营销自动化', 'crm tool', 'lead generation', '销售 漏斗', '(none)', '(not provided)'][h % 8 + 1], '') AS keyword,
                if(p = 0 AND h % 3 = 0, 'baidu', '') AS search_engine,
                if(h % 25 = 0, 'Baiduspider', 'Chrome') AS browser, '124' AS browser_version, 'Windows' AS os,
                if(h % 25 = 0, 'bot', 'desktop') AS device_type,
                h % 25 = 0 AS is_bot,
                '203.0.113.0' AS ip,
                'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' AS user_agent,
                'zh-CN' AS locale, 1920 AS screen_width, 1080 AS screen_height,
                multiIf(
                    event IN ('click', 'outbound'), concat(
                        '{"selector":"', ['a.cta', 'a.cta', '#buy', 'button.menu'][number % 4 + 1], '","text":"', ['Buy now', 'Try free', 'Buy now', 'Menu'][intDiv(number, 4) % 4 + 1],
                        if(event = 'outbound', concat('","host":"', ['github.com', 'docs.example.org', 'partner.example.org'][h % 3 + 1]), ''),
                        '","x":', toString(vw * (number % 97) / 97), ',"y":', toString(number % 3000), ',"vx":', toString((number % 97) / 97),
                        ',"vw":', toString(vw), ',"vh":800,"dw":', toString(vw), ',"dh":3000}'),
                    event = 'page_leave', concat('{"engaged_ms":1000,"scroll_pct":', toString((h + number) % 101), '}'),
                    '') AS properties,
                '' AS traits
            FROM
            (
                SELECT number, intDiv(number, 8) AS s, number % 8 AS p, cityHash64(intDiv(number, 8)) AS h, (h % 10) < 4 AS bounce,
                    [375, 820, 1280, 1920][h % 4 + 1] AS vw, {{SessionStartMs("s", events, from, to)}} AS start_ms, start_ms + p * 30000 AS ts_ms
                FROM numbers({{first}}, {{count}})
            )
            """);
    }
}
