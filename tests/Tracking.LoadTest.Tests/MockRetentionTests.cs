using Tracking.LoadTest.Kafka;

namespace Tracking.LoadTest.Tests;

/// <summary>The Kafka benchmark's message budget: what the mock cluster holds before it deletes unloaded messages.</summary>
public sealed class MockRetentionTests
{
    [Fact]
    public void Evenly_spread_messages_fill_every_partition_to_the_headroom_of_its_bytes()
    {
        var budget = MockRetention.MessageBudget([250, 250, 250, 250], storedBytesPerMessage: 100);

        // Each of the 4 partitions holds 5 MB / 100 bytes messages; the run fills 70 % of that.
        var expected = (long)(MockRetention.Headroom * 4 * (MockRetention.BytesPerPartition / 100.0));
        Assert.Equal(expected, budget);
    }

    [Fact]
    public void The_fullest_partition_decides_the_budget()
    {
        // Partition 0 takes half of all messages: it is full when the topic holds twice its capacity.
        var budget = MockRetention.MessageBudget([500, 100, 200, 200], storedBytesPerMessage: 100);

        var expected = (long)(MockRetention.Headroom * (MockRetention.BytesPerPartition / 100.0) / 0.5);
        Assert.Equal(expected, budget);
    }

    [Fact]
    public void Tiny_messages_are_bounded_by_the_message_set_limit()
    {
        var budget = MockRetention.MessageBudget([1, 1], storedBytesPerMessage: 1);

        Assert.Equal((long)(MockRetention.Headroom * 2 * MockRetention.MessageSetsPerPartition), budget);
    }

    [Fact]
    public void A_sample_without_messages_cannot_size_anything()
    {
        Assert.Throws<ArgumentException>(() => MockRetention.MessageBudget([0, 0], storedBytesPerMessage: 100));
    }
}
