using System.Data;
using System.Globalization;
using Tracking.ClickHouse;
using Tracking.Events;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Clicks;

/// <summary>
/// Clicks on a page as docs/definitions.md defines them: its sessions, its click and outbound events by element
/// (selector, text) and by heatmap cell per device class of the viewport, and how far its sessions scrolled.
/// One query: a row per session of the page (its clicks as an array), then grouping sets of the whole, the
/// elements and the cells. Clicks count distinct message ids, so a message stored twice counts once (as
/// 64-bit hashes: counting distinct strings cost seconds over millions of clicks).
/// </summary>
public sealed class ClicksReport(ClickHouseStore store)
{
    private static readonly int[] Thresholds = [25, 50, 75, 100];

    public async Task<ClicksResponse> RunAsync(string project, ClicksQuery query, CancellationToken cancellationToken)
    {
        var parameters = query.Sessions.Parameters(project);
        parameters.Add(SessionQuery.Parameter("page", query.Page));

        var elements = new List<ClickedElement>();
        var cells = new Dictionary<string, List<HeatmapCell>>();
        var documents = new Dictionary<string, (double Width, double Height)>();
        long sessions = 0, clicks = 0;
        var url = string.Empty;
        var scroll = new ScrollDepth(0, 0, Thresholds.ToDictionary(t => Key(t), _ => 0L));
        using var reader = await store.Client.ExecuteReaderAsync(Sql(store.Database, query.Sessions), parameters, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (isElement, isCell) = (reader.Count(5) == 0, reader.Count(6) == 0);
            var rowClicks = reader.Count(7);
            if (isElement)
            {
                if (rowClicks > 0)
                {
                    elements.Add(new ClickedElement(reader.GetString(0), reader.GetString(1), rowClicks, reader.Count(8)));
                }
            }
            else if (isCell)
            {
                var device = reader.GetString(2);
                if (device.Length > 0 && rowClicks > 0)
                {
                    (cells.TryGetValue(device, out var list) ? list : cells[device] = []).Add(new HeatmapCell(reader.Whole(3), reader.Whole(4), rowClicks));
                    var (width, height) = documents.GetValueOrDefault(device);
                    documents[device] = (Math.Max(width, reader.Number(16)), Math.Max(height, reader.Number(17)));
                }
            }
            else
            {
                (sessions, clicks, url) = (reader.Count(9), rowClicks, reader.GetString(18));
                scroll = ReadScroll(reader, 10);
            }
        }

        return new ClicksResponse(
            query.Page,
            url,
            sessions,
            clicks,
            elements.Count,
            [.. elements.OrderByDescending(e => e.Clicks).ThenByDescending(e => e.Sessions)
                .ThenBy(e => e.Selector, StringComparer.Ordinal).ThenBy(e => e.Text, StringComparer.Ordinal).Take(query.Limit)],
            [.. DeviceClass.All.Where(cells.ContainsKey)
                .Select(d => new Heatmap(d, documents[d].Width, documents[d].Height, [.. cells[d].OrderBy(c => c.Y).ThenBy(c => c.X)]))],
            scroll);
    }

    private static ScrollDepth ReadScroll(IDataRecord reader, int first)
    {
        var scrolled = reader.Count(first);
        var median = scrolled == 0 ? 0 : reader.Number(first + 1);
        return new ScrollDepth(scrolled, median, Thresholds.Select((t, i) => (t, i)).ToDictionary(p => Key(p.t), p => reader.Count(first + 2 + p.i)));
    }

    // Columns: selector, text, device, column, row, not_element, not_cell, clicks, click sessions, sessions,
    // scrolled sessions, median depth, sessions reaching each threshold, the largest document width and
    // height of the clicks, the URL of the latest view. `first` marks one row per session
    // (the array join repeats a session per click).
    private static string Sql(string database, SessionQuery sessions) =>
        $$"""
        SELECT selector, text, device, cell_x, cell_y,
            toUInt8(grouping(selector)) AS not_element, toUInt8(grouping(device)) AS not_cell,
            uniqExactIf(click_id, is_click) AS clicks, uniqExactIf(session_hash, is_click) AS click_sessions,
            countIf(first AND viewed) AS sessions,
            countIf(first AND scrolled) AS scrolled_sessions,
            quantileExactInclusiveIf(0.5)(depth, first AND scrolled) AS median_depth,
            {{string.Join(", ", Thresholds.Select(t => $"countIf(first AND scrolled AND depth >= {t})"))}},
            max(document_width) AS document_width, max(document_height) AS document_height,
            argMaxIf(url, viewed_at, first AND viewed) AS url
        FROM
        (
            SELECT cityHash64(session_key) AS session_hash, viewed, viewed_at, url, scrolled, depth, i <= 1 AS first, i > 0 AS is_click,
                c.1 AS click_id, c.2 AS selector, c.3 AS text, c.4 AS device, c.5 AS cell_x, c.6 AS cell_y,
                c.7 AS document_width, c.8 AS document_height
            FROM
            (
                SELECT session_key,
                    max(type = 'page') AS viewed,
                    maxIf(timestamp, type = 'page') AS viewed_at,
                    argMaxIf(cutQueryStringAndFragment(page_url), timestamp, type = 'page') AS url,
                    max(is_leave AND p.scroll_pct IS NOT NULL) AS scrolled,
                    maxIf(assumeNotNull(p.scroll_pct), is_leave AND p.scroll_pct IS NOT NULL) AS depth,
                    groupArrayIf((cityHash64(message_id), p.selector, p.text, {{DeviceClass.Sql("p.vw")}}, toInt32(least(39, floor(p.vx * 40))), toInt32(floor(p.y / 25)),
                        p.dw, p.dh), type = 'track' AND NOT is_leave) AS clicks
                FROM
                (
                    -- The properties parsed once a row (each JSONExtract call parses the whole string again).
                    SELECT *, event = '{{EventNames.PageLeave}}' AS is_leave,
                        JSONExtract(properties, 'Tuple(selector String, text String, vx Float64, vw Float64, y Float64, dw Float64, dh Float64, scroll_pct Nullable(Float64))') AS p
                    FROM ({{sessions.Events(database, "timestamp, type, event, page_path, page_url, properties", Condition)}})
                )
                GROUP BY session_key
            )
            LEFT ARRAY JOIN clicks AS c, arrayEnumerate(clicks) AS i
        )
        GROUP BY GROUPING SETS ((), (selector, text), (device, cell_x, cell_y))
        """;

    private const string Condition =
        $"page_path = {{page:String}} AND (type = 'page' OR (type = 'track' AND event IN ('{EventNames.Click}', '{EventNames.Outbound}', '{EventNames.PageLeave}')))";

    private static string Key(int threshold) => threshold.ToString(CultureInfo.InvariantCulture);
}
