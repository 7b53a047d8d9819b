using System.Text;
using Tracking.Sdk.Batching;
using Tracking.Sdk.Buffering;
using Tracking.Testing;

namespace Tracking.Sdk.Tests.Unit;

public class DiskOutboxTests
{
    private static EventBatch Batch(params string[] lines)
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        return new(data, data.Length, lines.Length, null);
    }

    [Fact]
    public async Task Batches_survive_reopening_in_order()
    {
        using var dir = new TempDirectory("sdk-outbox");
        using (var outbox = DiskOutbox.Open(dir.Path, 1_000_000))
        {
            await outbox.AddAsync(Batch("{\"n\":1}", "{\"n\":2}"), CancellationToken.None);
            await outbox.AddAsync(Batch("{\"n\":3}"), CancellationToken.None);
        }

        using var reopened = DiskOutbox.Open(dir.Path, 1_000_000);
        Assert.Equal(2, reopened.Recovered);
        var first = await reopened.TakeAsync(CancellationToken.None);
        Assert.Equal(2, first!.Count);
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n", Encoding.UTF8.GetString(first.Payload.Span));
        reopened.Remove(first);
        var second = await reopened.TakeAsync(CancellationToken.None);
        Assert.Equal("{\"n\":3}\n", Encoding.UTF8.GetString(second!.Payload.Span));
        reopened.Remove(second);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.ndjson"));
    }

    [Fact]
    public async Task Adding_waits_at_the_bound_until_a_batch_is_removed()
    {
        using var dir = new TempDirectory("sdk-outbox");
        using var outbox = DiskOutbox.Open(dir.Path, 20);
        await outbox.AddAsync(Batch("{\"n\":\"0123456789\"}"), CancellationToken.None);
        var blocked = outbox.AddAsync(Batch("{\"n\":2}"), CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted);

        var head = await outbox.TakeAsync(CancellationToken.None);
        outbox.Remove(head!);
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_second_outbox_on_the_same_folder_is_refused()
    {
        using var dir = new TempDirectory("sdk-outbox");
        using var first = DiskOutbox.Open(dir.Path, 1_000);
        Assert.ThrowsAny<IOException>(() => DiskOutbox.Open(dir.Path, 1_000));
    }

    [Fact]
    public void Unfinished_temp_files_are_discarded_on_open()
    {
        using var dir = new TempDirectory("sdk-outbox");
        File.WriteAllText(Path.Combine(dir.Path, "0000000000000000001.ndjson.tmp"), "{\"half");
        using var outbox = DiskOutbox.Open(dir.Path, 1_000);
        Assert.Equal(0, outbox.Recovered);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
