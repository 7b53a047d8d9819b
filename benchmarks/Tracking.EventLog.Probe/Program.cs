using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.EventLog;
using Tracking.EventLog.Embedded;

// Paced appends against the embedded event log alone (no HTTP, no loader): appenders share a fixed
// total rate of messages, each append is timed from when it was due (so a slow commit also delays
// the appends queued behind it, as a client's would) until it is acknowledged (durable).
// Usage: Tracking.EventLog.Probe <directory> [messagesPerSecond=100000] [seconds=20] [appenders=64] [batch=50] [bytes=400]
var arguments = args.Select((a, i) => (a, i)).ToDictionary(p => p.i, p => p.a);
var directory = arguments.GetValueOrDefault(0) ?? throw new ArgumentException("a directory is required");
var rate = Arg(1, 100_000);
var seconds = Arg(2, 20);
var appenders = Arg(3, 64);
var batchSize = Arg(4, 50);
var messageBytes = Arg(5, 400);

var batch = Enumerable.Range(0, batchSize).Select(_ => new LogMessage(new byte[8], new byte[messageBytes])).ToArray();
var interval = TimeSpan.FromSeconds((double)appenders * batchSize / rate);
var warmUp = TimeSpan.FromSeconds(3);
var latencies = new List<double>[appenders];
await using var log = new EmbeddedEventLog(new EmbeddedEventLogOptions { Directory = directory }, NullLogger<EmbeddedEventLog>.Instance);
var clock = Stopwatch.StartNew();
var end = warmUp + TimeSpan.FromSeconds(seconds);
await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
{
    var own = latencies[a] = new List<double>(100_000);
    var due = interval * a / appenders;
    while (due < end)
    {
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await log.AppendAsync(batch, CancellationToken.None);
        if (due >= warmUp)
        {
            own.Add((clock.Elapsed - due).TotalMilliseconds);
        }

        due += interval;
    }
})));

var all = latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"appends {all.Length} ({all.Length * batchSize / (double)seconds:F0} messages/s) p50 {At(0.50):F2} ms p99 {At(0.99):F2} ms p99.9 {At(0.999):F2} ms max {all[^1]:F2} ms"));

double At(double quantile) => all[Math.Min(all.Length - 1, (int)(quantile * all.Length))];
int Arg(int index, int fallback) => arguments.TryGetValue(index, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
