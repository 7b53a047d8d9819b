namespace Tracking.LoadTest.Kafka;

/// <summary>
/// How much librdkafka's mock cluster keeps of a partition before it deletes the oldest message sets:
/// 5 MB or 100,000 message sets (constants in rdkafka_mock.c, no setting changes them). The producing
/// phases stop at the budget derived from it, so nothing is deleted before the loader reads it.
/// </summary>
internal static class MockRetention
{
    public const long BytesPerPartition = 5L * 1024 * 1024;

    public const long MessageSetsPerPartition = 100_000;

    /// <summary>Share of the retention the run fills at most: the stored size per message varies with batching (rate).</summary>
    public const double Headroom = 0.7;

    /// <summary>
    /// Messages the topic can take in all before its fullest partition reaches the retention, from how a
    /// sample spread over the partitions (<paramref name="sampleMessagesPerPartition"/>, e.g. a short
    /// burst's watermarks) and the measured stored bytes per message. A message set holds at least one
    /// message, so the message-set limit bounds messages too.
    /// </summary>
    public static long MessageBudget(IReadOnlyList<long> sampleMessagesPerPartition, double storedBytesPerMessage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(storedBytesPerMessage);
        var total = sampleMessagesPerPartition.Sum();
        if (total == 0)
        {
            throw new ArgumentException("the sample holds no messages", nameof(sampleMessagesPerPartition));
        }

        // The fullest partition fills first: its share of every message produced decides the total.
        var fullestShare = (double)sampleMessagesPerPartition.Max() / total;
        var perPartition = Math.Min(BytesPerPartition / storedBytesPerMessage, MessageSetsPerPartition);
        return (long)(Headroom * perPartition / fullestShare);
    }
}
