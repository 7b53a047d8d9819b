using System.Globalization;
using Tracking.ClickHouse;
using Tracking.Reports.Shared;

namespace Tracking.Reports.Timeseries;

/// <summary>
/// The session figures of the landing report per hour or day, in UTC or a given time zone, with every
/// bucket of the range present (zeros where no session started).
/// </summary>
public sealed class TimeseriesReport(ClickHouseStore store)
{
    public async Task<TimeseriesResponse> RunAsync(string project, TimeseriesQuery query, CancellationToken cancellationToken)
    {
        var startOf = query.Interval == TimeseriesInterval.Hour ? "toStartOfHour" : "toStartOfDay";
        var sql =
            $$"""
            SELECT toInt64(toUnixTimestamp({{startOf}}(started, {tz:String}))) AS bucket, {{SessionFigures.Sql}}
            {{query.Sessions.FromWhere(store.Database)}}
            GROUP BY bucket
            """;
        var parameters = query.Sessions.Parameters(project);
        parameters.Add(SessionQuery.Parameter("tz", query.Zone.Id));

        var byBucket = new Dictionary<long, SessionFigures>();
        using (var reader = await store.Client.ExecuteReaderAsync(sql, parameters, null, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byBucket[reader.GetInt64(0)] = SessionFigures.Read(reader, 1);
            }
        }

        var range = query.Sessions.Range;
        var points = TimeBuckets.Between(range.From, range.To, query.Interval, query.Zone)
            .Select(start => Point(start, byBucket.GetValueOrDefault(start.ToUnixTimeSeconds(), SessionFigures.Zero), query.Metrics))
            .ToList();
        return new TimeseriesResponse(query.Interval == TimeseriesInterval.Hour ? "hour" : "day", query.Zone.Id, points);
    }

    private static TimeseriesPoint Point(DateTimeOffset start, SessionFigures figures, IReadOnlyList<string> metrics)
    {
        T? Pick<T>(string metric, T value)
            where T : struct => metrics.Contains(metric) ? value : null;

        var time = start.Offset == TimeSpan.Zero
            ? start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return new TimeseriesPoint(
            time,
            Pick("sessions", figures.Sessions),
            Pick("visitors", figures.Visitors),
            Pick("bounces", figures.Bounces),
            Pick("bounceRate", figures.BounceRate),
            Pick("leads", figures.Leads),
            Pick("leadRate", figures.LeadRate),
            Pick("medianDurationSeconds", figures.MedianDurationSeconds));
    }
}
