namespace Tracking.Loader;

/// <summary>Where the loader sets aside records that can never be inserted, with the reason, so it can move on.</summary>
public interface IDeadLetterSink
{
    /// <summary>Completes once the record is durably set aside; only then is its offset committed.</summary>
    Task WriteAsync(int partition, long offset, ReadOnlyMemory<byte> record, string error, CancellationToken cancellationToken);
}
