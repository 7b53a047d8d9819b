using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Tracking.EventLog.Embedded;

namespace Tracking.EventLog.Tests;

/// <summary>Small pages and segments, so that tests cross page and segment boundaries quickly.</summary>
internal static class TestLogs
{
    public static EmbeddedEventLogOptions Options(string directory, long maxRetainedBytes = 1L << 30) => new()
    {
        Directory = directory,
        PageSizeBytes = 64 << 10,
        MemorySizeBytes = 256 << 10,
        SegmentSizeBytes = 256 << 10,
        MaxRetainedBytes = maxRetainedBytes,
    };

    public static EmbeddedEventLog Open(string directory, long maxRetainedBytes = 1L << 30) =>
        new(Options(directory, maxRetainedBytes), NullLogger<EmbeddedEventLog>.Instance);

    /// <summary>A message whose text names it and whose length varies, so records straddle page ends.</summary>
    public static string Text(string name) => name + ":" + new string('x', 200 + (StableHash(name) % 1000));

    // string.GetHashCode differs between processes, and the crash test's child writes what the parent checks.
    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & int.MaxValue;

    public static LogMessage Message(string name) =>
        new(Encoding.UTF8.GetBytes(name.Split('-')[0]), Encoding.UTF8.GetBytes(Text(name)));

    public static LogMessage[] Messages(string prefix, int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => Message($"{prefix}-{i}"))];

    /// <summary>
    /// <paramref name="appenders"/> tasks append messages w{a}-0 … w{a}-(perAppender - 1) in batches of
    /// <paramref name="batchSize"/>, each waiting for its batch to be durable before the next.
    /// </summary>
    public static Task AppendConcurrentlyAsync(EmbeddedEventLog log, int appenders, int perAppender, int batchSize) =>
        Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < perAppender; i += batchSize)
            {
                await log.AppendAsync(Messages($"w{a}", i, batchSize), CancellationToken.None);
            }
        })));

    public static string NameOf(ConsumedMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Value.Span);
        var name = text[..text.IndexOf(':', StringComparison.Ordinal)];
        Assert.Equal(Text(name), text);
        return name;
    }

    /// <summary>Reads until the log has nothing more within a short wait; checks offsets chain up.</summary>
    public static async Task<List<ConsumedMessage>> ReadToEndAsync(IEventLogReader reader, int batchSize = 500)
    {
        var all = new List<ConsumedMessage>();
        while (true)
        {
            var batch = await reader.ReadAsync(batchSize, TimeSpan.FromMilliseconds(200), CancellationToken.None);
            if (batch.Count == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                Assert.Equal(0, message.Partition);
                Assert.True(message.NextOffset > message.Offset);
                if (all.Count > 0)
                {
                    Assert.True(message.Offset >= all[^1].NextOffset);
                }

                // Values are only valid until the next read: keep a copy.
                all.Add(message with { Value = message.Value.ToArray() });
            }
        }
    }

    public static List<string> Names(IEnumerable<ConsumedMessage> messages) => [.. messages.Select(NameOf)];
}
