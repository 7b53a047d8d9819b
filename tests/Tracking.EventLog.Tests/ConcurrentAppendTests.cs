using Tracking.Testing;

namespace Tracking.EventLog.Tests;

public sealed class ConcurrentAppendTests
{
    [Fact]
    public async Task Concurrent_appenders_each_message_is_read_exactly_once_in_per_appender_order()
    {
        const int Appenders = 8;
        const int PerAppender = 5_000;
        const int BatchSize = 50;
        using var dir = new TempDirectory("eventlog");
        await using var log = TestLogs.Open(dir.Path);

        // A reader consumes while the appenders run, so reads race with commits.
        await using var reader = log.CreateReader("loader");
        var appenders = TestLogs.AppendConcurrentlyAsync(log, Appenders, PerAppender, BatchSize);

        var names = new List<string>();
        while (names.Count < Appenders * PerAppender)
        {
            var batch = await reader.ReadAsync(1000, TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.NotEmpty(batch);
            names.AddRange(TestLogs.Names(batch));
        }

        await appenders;
        Assert.Empty(await reader.ReadAsync(10, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.Equal(names.Count, names.Distinct().Count());
        for (var a = 0; a < Appenders; a++)
        {
            var prefix = $"w{a}-";
            Assert.Equal(
                Enumerable.Range(0, PerAppender).Select(i => prefix + i),
                names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }
}
