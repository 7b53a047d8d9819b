using System.Globalization;
using Tracking.Events.Schema;

namespace Tracking.LoadTest.Reports;

/// <summary>
/// Funnel traffic generated inside ClickHouse, in its own project: sessions of 8 events (a landing page
/// view with a keyword, then /pricing for 60%, heartbeats, a sign-up for 30% (two in three on plan pro), an
/// identify linking the anonymous id to a user id for 20%, a lead for 10%, another page, a page-leave);
/// in one session in five everything after the identify carries only the user id, so the funnel needs
/// the stitching to see the sign-up and the lead as the same visitor's; about three sessions per visitor.
/// Ids and arrival order as in <see cref="ReportData"/>.
/// </summary>
internal static class FunnelData
{
    public const string Project = "funnels";

    /// <summary>Events <paramref name="first"/> .. first+count-1 of a dataset of <paramref name="events"/>.</summary>
    public static string InsertSql(int events, long first, int count, DateTimeOffset from, DateTimeOffset to)
    {
        var sessions = events / 8;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            INSERT INTO tracking.events ({{string.Join(", ", EventSchema.Current.Names)}})
            SELECT
                '{{Project}}' AS project_id,
                {{ReportData.SnippetId("ts_ms", "'f', number")}} AS message_id,
                multiIf(p IN (0, 1, 6), 'page', p = 4 AND h % 5 < 1, 'identify', 'track') AS type,
                multiIf(type != 'track', '', p = 3 AND h % 10 < 3, 'signup', p = 5 AND h % 10 = 0, 'lead', p = 7, 'page_leave', 'heartbeat') AS event,
                if(p > 4 AND h % 5 = 0, '', concat('v-', toString(visitor))) AS anonymous_id,
                if(p >= 4 AND h % 5 = 0, concat('u-', toString(visitor)), '') AS user_id,
                '' AS group_id,
                {{ReportData.SnippetId("start_ms", "'f', s")}} AS session_id,
                fromUnixTimestamp64Milli(ts_ms, 'UTC') AS timestamp,
                timestamp AS received_at,
                concat('https://www.example.cn', page_path) AS page_url,
                multiIf(p = 0, ['/landing/crm', '/landing/erp', '/', '/blog'][h % 4 + 1], p = 1, if(h % 10 < 6, '/pricing', '/features'), p = 6, '/docs', '') AS page_path,
                '' AS page_title, '' AS referrer, '' AS referrer_host,
                '' AS utm_source, '' AS utm_medium, '' AS utm_campaign, '' AS utm_term, '' AS utm_content,
                if(type = 'page', ['免费CRM', '客户管理系统', '营销自动化', 'crm tool', 'lead generation', '销售 漏斗', '(none)', '(not provided)'][intDiv(h, 7) % 8 + 1], '') AS keyword,
                '' AS search_engine, 'Chrome' AS browser, '124' AS browser_version, 'Windows' AS os, 'desktop' AS device_type, false AS is_bot,
                '203.0.113.0' AS ip, '' AS user_agent, 'zh-CN' AS locale, 1920 AS screen_width, 1080 AS screen_height,
                if(event = 'signup', if(intDiv(h, 3) % 3 = 0, '{"plan":"free"}', '{"plan":"pro"}'), '') AS properties,
                '' AS traits,
                '' AS name, '' AS category, '' AS previous_id, '' AS library_name, '' AS library_version, '' AS context_traits, '' AS context
            FROM
            (
                SELECT number, intDiv(number, 8) AS s, number % 8 AS p, cityHash64(intDiv(number, 8)) AS h, s % {{Math.Max(1, sessions / 3)}} AS visitor,
                    {{ReportData.SessionStartMs("s", events, from, to)}} AS start_ms, start_ms + p * 30000 AS ts_ms
                FROM numbers({{first}}, {{count}})
            )
            """);
    }
}
