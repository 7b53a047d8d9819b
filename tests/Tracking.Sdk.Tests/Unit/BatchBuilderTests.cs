using Tracking.Sdk.Batching;
using Tracking.Sdk.Queueing;

namespace Tracking.Sdk.Tests.Unit;

public class BatchBuilderTests
{
    private static int Lines(EventBatch batch)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        EventBatch.Split(batch.Payload, events);
        return events.Count;
    }

    private static TrackingEvent Event(string? padding = null) =>
        new(EventType.Track, "e", Visitor.User("u1"), Guid.NewGuid(), DateTime.UtcNow)
        {
            Properties = padding is null ? null : new Dictionary<string, object?> { ["pad"] = padding },
        };

    [Fact]
    public void Batch_is_ready_at_the_event_limit()
    {
        var builder = new BatchBuilder(new BatchLimits(3, 500_000));
        for (var i = 0; i < 3; i++)
        {
            Assert.False(builder.IsReady);
            Assert.True(builder.TryAdd(Event(), out _));
        }

        Assert.True(builder.IsReady);
        var batch = builder.Take();
        Assert.Equal(3, batch.Count);
        Assert.Equal(3, Lines(batch));
        Assert.True(builder.IsEmpty);
    }

    [Fact]
    public void Event_that_would_overflow_the_byte_limit_starts_the_next_batch()
    {
        var builder = new BatchBuilder(new BatchLimits(500, 10_000));
        var added = 0;
        while (!builder.IsReady)
        {
            Assert.True(builder.TryAdd(Event(new string('x', 1_000)), out _));
            added++;
        }

        var first = builder.Take();
        Assert.Equal(added - 1, first.Count);
        Assert.True(first.Length + BatchLimits.EnvelopeBytes <= 10_000);
        Assert.Equal(1, builder.Count);
        var second = builder.Take();
        Assert.Equal(1, second.Count);
        Assert.Equal(1, Lines(second));
    }

    [Fact]
    public void Event_over_the_per_event_limit_is_refused_and_leaves_nothing_behind()
    {
        var builder = new BatchBuilder(new BatchLimits(500, 500_000));
        Assert.True(builder.TryAdd(Event(), out _));
        Assert.False(builder.TryAdd(Event(new string('x', 40_000)), out var bytes));
        Assert.True(bytes > BatchLimits.MaxEventBytes);
        Assert.True(builder.TryAdd(Event(), out _));
        var batch = builder.Take();
        Assert.Equal(2, batch.Count);
        Assert.Equal(2, Lines(batch));
    }

    [Fact]
    public void Flush_marker_makes_the_batch_ready_even_when_empty()
    {
        var builder = new BatchBuilder(new BatchLimits(500, 500_000));
        builder.AddMarker(new FlushMarker());
        Assert.True(builder.IsReady);
        var batch = builder.Take();
        Assert.Equal(0, batch.Count);
        Assert.False(batch.HasData);
        Assert.Single(batch.Markers!);
    }
}
