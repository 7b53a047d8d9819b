using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Sdk.Tests.Support;

namespace Tracking.Sdk.Tests.Unit;

public class MetricsTests
{
    [Fact]
    public async Task Queued_sent_retried_dropped_and_batch_duration_are_published()
    {
        // A meter factory of this test's own, so clients of tests running in parallel do not count.
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TrackingClient.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + (tags.Length > 0 ? ":" + tags[0].Value : "");
            seen.AddOrUpdate(key, value, (_, old) => old + value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen.AddOrUpdate(instrument.Name, 1, (_, old) => old + 1));
        listener.Start();

        var attempts = 0;
        await using var collector = await TestCollector.StartAsync(_ => Interlocked.Increment(ref attempts) == 1 ? new Answer(500) : Answer.Accept);
        var options = Clients.Options(collector.BaseAddress);
        options.ThrowOnInvalidEvents = false;
        await using (var client = new TrackingClient(options, meterFactory: meters))
        {
            client.Track("a", Visitor.User("u1"));
            client.Track("b", Visitor.User("u1"));
            client.Track("", Visitor.User("u1"));
            await client.FlushAsync();
        }

        Assert.Equal(2, seen["tracking.sdk.events.queued"]);
        Assert.Equal(2, seen["tracking.sdk.events.sent"]);
        Assert.Equal(1, seen["tracking.sdk.batches.retried"]);
        Assert.Equal(1, seen["tracking.sdk.events.dropped:invalid"]);
        Assert.True(seen["tracking.sdk.batch.duration"] >= 1);
    }
}
