namespace Tracking.Enrichment.Tests;

public class ClockSkewTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void Both_present_subtracts_the_client_side_age_from_received_at()
    {
        // The client clock is an hour fast: the event happened 5 s before the request was sent.
        var timestamp = new DateTimeOffset(2024, 5, 1, 13, 0, 0, TimeSpan.Zero);
        var sentAt = timestamp.AddSeconds(5);

        var corrected = ClockSkew.Correct(timestamp, sentAt, ReceivedAt);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 59, 55, 250, TimeSpan.Zero), corrected);
    }

    [Fact]
    public void Client_offsets_do_not_change_the_instant()
    {
        var timestamp = new DateTimeOffset(2024, 5, 1, 20, 0, 0, TimeSpan.FromHours(8));
        var sentAt = new DateTimeOffset(2024, 5, 1, 12, 0, 2, TimeSpan.Zero); // 2 s later, written in UTC

        var corrected = ClockSkew.Correct(timestamp, sentAt, ReceivedAt);

        Assert.Equal(ReceivedAt.AddSeconds(-2).UtcDateTime, corrected.UtcDateTime);
    }

    [Fact]
    public void Timestamp_after_sent_at_moves_the_result_forward()
    {
        var sentAt = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var timestamp = sentAt.AddMilliseconds(300);

        Assert.Equal(ReceivedAt.AddMilliseconds(300), ClockSkew.Correct(timestamp, sentAt, ReceivedAt));
    }

    [Fact]
    public void Timestamp_only_is_used_as_is()
    {
        var timestamp = new DateTimeOffset(2024, 4, 30, 9, 30, 0, 125, TimeSpan.FromHours(8));

        Assert.Equal(timestamp, ClockSkew.Correct(timestamp, null, ReceivedAt));
    }

    [Fact]
    public void Neither_present_uses_received_at()
    {
        Assert.Equal(ReceivedAt, ClockSkew.Correct(null, null, ReceivedAt));
    }

    [Fact]
    public void Sent_at_only_uses_received_at()
    {
        Assert.Equal(ReceivedAt, ClockSkew.Correct(null, ReceivedAt.AddDays(-3), ReceivedAt));
    }

    [Fact]
    public void Results_are_truncated_to_milliseconds()
    {
        var received = ReceivedAt.AddTicks(9_999); // 0.9999 ms past 12:00:00.250
        var timestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(12_345_678);

        Assert.Equal(ReceivedAt, ClockSkew.Correct(null, null, received));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 1, 234, TimeSpan.Zero), ClockSkew.Correct(timestamp, null, received));
        Assert.Equal(ReceivedAt, ClockSkew.Correct(timestamp, timestamp, received));
    }

    [Fact]
    public void Absurd_client_clocks_fall_back_to_received_at_instead_of_throwing()
    {
        Assert.Equal(ReceivedAt, ClockSkew.Correct(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, ReceivedAt));
        Assert.Equal(ReceivedAt, ClockSkew.Correct(DateTimeOffset.MaxValue, DateTimeOffset.MinValue, ReceivedAt));
    }

    [Fact]
    public void Times_more_than_a_day_ahead_of_received_at_become_received_at()
    {
        var aDayAhead = ReceivedAt.AddHours(24);
        Assert.Equal(aDayAhead, ClockSkew.Correct(aDayAhead, null, ReceivedAt));
        Assert.Equal(ReceivedAt, ClockSkew.Correct(aDayAhead.AddMilliseconds(1), null, ReceivedAt));
        Assert.Equal(ReceivedAt, ClockSkew.Correct(new DateTimeOffset(2299, 1, 1, 0, 0, 0, TimeSpan.Zero), null, ReceivedAt));

        // After correction: an event stamped 30 h after its own sentAt is still 30 h ahead of receivedAt.
        var sentAt = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(ReceivedAt, ClockSkew.Correct(sentAt.AddHours(30), sentAt, ReceivedAt));

        // A client clock years fast with a consistent sentAt is corrected, not dropped to receivedAt.
        var fast = new DateTimeOffset(2031, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(ReceivedAt.AddMinutes(-1), ClockSkew.Correct(fast.AddMinutes(-1), fast, ReceivedAt));
    }
}
