using System.Text;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.LoadTest.Data;

/// <summary>
/// Segment-style <c>/v1/batch</c> request bodies of 20–100 events cut from a generated landing-page
/// dataset, serialized once up front so that sending them costs the load generator no JSON work.
/// </summary>
public sealed class BatchBodies
{
    /// <summary>Where every messageId value starts: <c>"messageId":"m-</c>; the 8 characters after it are re-stamped per send.</summary>
    private static readonly byte[] MessageIdPrefix = "\"messageId\":\"m-"u8.ToArray();

    private BatchBodies(IReadOnlyList<BatchBody> bodies, int eventCount)
    {
        Bodies = bodies;
        EventCount = eventCount;
    }

    public IReadOnlyList<BatchBody> Bodies { get; }

    public int EventCount { get; }

    public long TotalBytes => Bodies.Sum(b => (long)b.Json.Length);

    /// <param name="sessions">Landing-page sessions to generate (about 6 events each).</param>
    /// <param name="around">Sessions start within the two hours before this instant.</param>
    /// <param name="eventLimit">Keep exactly this many events (the dataset must have at least as many).</param>
    public static BatchBodies Generate(int seed, int sessions, DateTimeOffset around, int? eventLimit = null)
    {
        var dataset = LandingDataset.Generate(seed, sessions, around - TimeSpan.FromHours(1), around - TimeSpan.FromHours(1));
        var random = new Random(seed);
        var bodies = new List<BatchBody>();
        var events = eventLimit is { } limit ? dataset.Events.Take(limit).ToList() : dataset.Events;
        var count = 0;
        for (var start = 0; start < events.Count;)
        {
            var size = Math.Min(20 + random.Next(81), events.Count - start);
            var batch = new JsonArray([.. events.Skip(start).Take(size).Select(e => (JsonNode)e.Json.DeepClone())]);
            var json = Encoding.UTF8.GetBytes(new JsonObject { ["batch"] = batch }.ToJsonString());
            bodies.Add(new BatchBody(json, size, MessageIdStamps(json)));
            count += size;
            start += size;
        }

        return new BatchBodies(bodies, count);
    }

    private static int[] MessageIdStamps(byte[] json)
    {
        var stamps = new List<int>();
        for (var at = 0; ;)
        {
            var found = json.AsSpan(at).IndexOf(MessageIdPrefix);
            if (found < 0)
            {
                return [.. stamps];
            }

            at += found + MessageIdPrefix.Length;
            stamps.Add(at);
        }
    }
}

/// <summary>One request body; <see cref="Stamps"/> are the offsets of the first 8 hex digits of each event's messageId.</summary>
public sealed record BatchBody(byte[] Json, int Events, int[] Stamps)
{
    /// <summary>
    /// Copies the body into <paramref name="target"/> with <paramref name="round"/> written over the
    /// start of every messageId, so a body sent again is new events rather than retries that ClickHouse
    /// folds together (each send gets its own round number).
    /// </summary>
    public void StampInto(byte[] target, uint round)
    {
        Json.CopyTo(target, 0);
        Span<byte> hex = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
        {
            hex[i] = (byte)"0123456789abcdef"[(int)((round >> (28 - (4 * i))) & 0xF)];
        }

        foreach (var offset in Stamps)
        {
            hex.CopyTo(target.AsSpan(offset));
        }
    }
}
