using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

using Tracking.Testing;

namespace Tracking.LoadTest.Load;

/// <summary>
/// Time from acknowledgement to queryable: every 100 ms a marker event goes through the collector like
/// any other, and ClickHouse is polled (every 100 ms) until each acknowledged marker can be selected.
/// The poll uses the table's primary key (project, day, message id), so it reads a few granules
/// rather than scanning the table and barely competes with the loader for the engine.
/// </summary>
internal sealed class QueryableProbe(Uri collector, string writeKey, Uri clickHouse) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the probe keeps polling for markers after the load stopped.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _collector = new() { BaseAddress = collector, Timeout = TimeSpan.FromSeconds(30) };
    // Generous: when the loader is behind, each poll queues behind its inserts on the single chDB connection.
    private readonly HttpClient _clickHouse = ClickHouseHttp.CreateClient(clickHouse, TimeSpan.FromMinutes(5));
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly List<double> _delaysMs = [];
    private string _project = "";
    private int _sent;

    /// <summary>Events the probe had acknowledged (they count towards what must be loaded).</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Markers acknowledged but never seen in ClickHouse before the probe stopped.</summary>
    public int Unseen
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Sends one marker and waits until it is queryable, learning the project id the host stores.</summary>
    public async Task PrimeAsync(CancellationToken cancellationToken)
    {
        var id = await SendMarkerAsync(cancellationToken) ?? throw new InvalidOperationException("the collector refused the first marker");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var found = await QueryAsync($"SELECT project_id FROM tracking.events WHERE message_id = '{id}'", cancellationToken);
            if (found.Length > 0)
            {
                _project = found.Trim();
                return;
            }

            await Task.Delay(Interval, cancellationToken);
        }

        throw new TimeoutException("the first marker never became queryable");
    }

    /// <summary>Sends markers and polls for them until <paramref name="sendUntil"/>, then polls until all are seen or <paramref name="pollUntil"/>.</summary>
    public async Task<double[]> RunAsync(DateTime sendUntil, DateTime pollUntil, CancellationToken cancellationToken)
    {
        var sending = Task.Run(
            async () =>
            {
                while (DateTime.UtcNow < sendUntil && !cancellationToken.IsCancellationRequested)
                {
                    await SendMarkerAsync(cancellationToken);
                    await Task.Delay(Interval, cancellationToken);
                }
            },
            cancellationToken);

        while (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < pollUntil)
        {
            await PollAsync(cancellationToken);
            if (sending.IsCompleted && Unseen == 0)
            {
                break;
            }

            await Task.Delay(Interval, cancellationToken);
        }

        await sending;
        lock (_lock)
        {
            var delays = _delaysMs.ToArray();
            Array.Sort(delays);
            return delays;
        }
    }

    public void Dispose()
    {
        _collector.Dispose();
        _clickHouse.Dispose();
    }

    private async Task<string?> SendMarkerAsync(CancellationToken cancellationToken)
    {
        var id = $"mk-{_run}-{++_sent}";
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var body = $$$"""{"batch":[{"type":"track","event":"bench_marker","messageId":"{{{id}}}","anonymousId":"bench-probe","timestamp":"{{{now}}}","context":{"sessionId":"bench-probe"}}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/batch") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        using var response = await _collector.SendAsync(request, cancellationToken);
        var acknowledged = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        lock (_lock)
        {
            Acknowledged++;
            _pending[id] = acknowledged;
        }

        return id;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        string[] ids;
        lock (_lock)
        {
            ids = [.. _pending.Keys];
        }

        if (ids.Length == 0)
        {
            return;
        }

        // Markers carry the send time as their timestamp, so they lie in today's (or, around midnight, yesterday's) key range.
        var today = DateTime.UtcNow.Date;
        var days = string.Join(", ", new[] { today.AddDays(-1), today }.Select(d => d.ToString("\\'yyyy-MM-dd\\'", CultureInfo.InvariantCulture)));
        var list = string.Join(", ", ids.Select(id => $"'{id}'"));
        var found = await QueryAsync(
            $"SELECT message_id FROM tracking.events WHERE project_id = '{_project}' AND toDate(timestamp) IN ({days}) AND message_id IN ({list})",
            cancellationToken);
        var seen = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var id in found.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (_pending.Remove(id, out var acknowledged))
                {
                    _delaysMs.Add((seen - acknowledged) * 1000.0 / Stopwatch.Frequency);
                }
            }
        }
    }

    private async Task<string> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        using var response = await _clickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"ClickHouse {(int)response.StatusCode}: {text}");
    }
}
