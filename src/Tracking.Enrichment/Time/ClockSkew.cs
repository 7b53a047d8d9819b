namespace Tracking.Enrichment;

/// <summary>
/// Corrects client clock skew the way Segment does: the client stamps each event (timestamp) and the request
/// (sentAt) with the same possibly-wrong clock, so sentAt - timestamp is a trustworthy age to subtract from the
/// server's receivedAt. An event time still more than <see cref="MaxAhead"/> after receivedAt becomes receivedAt,
/// as PostHog does: no event happens in the future, and a far-future time would open a partition of its own.
/// </summary>
public static class ClockSkew
{
    /// <summary>How far past receivedAt a corrected event time may lie (clocks and time zones gone wrong by hours).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromHours(24);

    public static DateTimeOffset Correct(DateTimeOffset? timestamp, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        var corrected = Skewed(timestamp, sentAt, receivedAt);
        return TruncateToMilliseconds(corrected - receivedAt > MaxAhead ? receivedAt : corrected);
    }

    private static DateTimeOffset Skewed(DateTimeOffset? timestamp, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        if (timestamp is not { } ts)
        {
            // Without an event time, sentAt alone says nothing about when the event happened.
            return receivedAt;
        }

        if (sentAt is not { } sent)
        {
            return ts;
        }

        // UtcTicks are within [0, 3.2e18], so the difference and the subtraction cannot overflow a long.
        var ageTicks = sent.UtcTicks - ts.UtcTicks;
        var utcTicks = receivedAt.UtcTicks - ageTicks;
        var localTicks = utcTicks + receivedAt.Offset.Ticks;
        if (utcTicks is < 0 || utcTicks > DateTime.MaxValue.Ticks || localTicks < 0 || localTicks > DateTime.MaxValue.Ticks)
        {
            // A clock so wrong that the result is not a date: the server's time is the only usable one.
            return receivedAt;
        }

        return new DateTimeOffset(localTicks, receivedAt.Offset);
    }

    // Event times are kept to the millisecond; truncating (not rounding) never moves an event into the next ms.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);
}
