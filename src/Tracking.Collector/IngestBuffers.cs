using Microsoft.Extensions.ObjectPool;
using Tracking.Collector.Parsing;
using Tracking.EventLog;
using Tracking.Events;

namespace Tracking.Collector;

/// <summary>Everything one request needs, pooled so a request allocates next to nothing.</summary>
internal sealed class IngestBuffers : IDisposable
{
    /// <summary>
    /// Sets retained between requests. One set serves one request at a time, so the pool must hold as many as
    /// there are requests in flight; the default (twice the core count) made every request past the fourth
    /// rent fresh arrays. A set's memory is ~165 KB, so the bound caps idle memory near 85 MB.
    /// </summary>
    public const int Retained = 512;

    public PooledBufferWriter Body { get; } = new(64 * 1024);

    public PooledBufferWriter Scratch { get; } = new(8 * 1024);

    public PooledBufferWriter Records { get; } = new(64 * 1024);

    public BatchEnvelope Envelope { get; } = new();

    /// <summary>The valid events of the request with their index in the batch (~400 bytes each: 24 KB a new list per request cost).</summary>
    public List<(int Index, ParsedEvent Event)> Parsed { get; } = new(64);

    public List<(int Start, int Length, Utf8Slice Key)> RecordRanges { get; } = new(64);

    public List<LogMessage> Messages { get; } = new(64);

    public List<(int Index, string Error)> Rejected { get; } = [];

    public void Reset()
    {
        Body.Reset();
        Scratch.Reset();
        Records.Reset();
        Envelope.Reset();
        Parsed.Clear();
        RecordRanges.Clear();
        Messages.Clear();
        Rejected.Clear();
    }

    /// <summary>Gives the arrays back to the shared ArrayPool when the object pool drops this set.</summary>
    public void Dispose()
    {
        Body.Dispose();
        Scratch.Dispose();
        Records.Dispose();
    }

    public sealed class Policy : PooledObjectPolicy<IngestBuffers>
    {
        public override IngestBuffers Create() => new();

        public override bool Return(IngestBuffers obj)
        {
            // A huge request must not pin its buffers forever.
            // Scratch too: repairing invalid UTF-8 may ask it for three times a string's length.
            if (obj.Body.WrittenCount > 1024 * 1024 || obj.Scratch.WrittenCount > 1024 * 1024 || obj.Records.WrittenCount > 4 * 1024 * 1024 || obj.Parsed.Capacity > 1024)
            {
                return false;
            }

            obj.Reset();
            return true;
        }
    }
}
