using System.Buffers;

namespace Tracking.ClickHouse.Embedded.Native;

/// <summary>
/// One statement's outcome, copied out of chDB's memory so the native result can be destroyed (and
/// the connection handed to the next query) before the bytes travel to a possibly slow client.
/// The output lives in a pooled array; dispose to return it.
/// </summary>
internal sealed class ChdbResult : IDisposable
{
    private byte[]? _rented;

    private ChdbResult(byte[]? rented, int length, string? error, QueryStatistics statistics)
    {
        _rented = rented;
        Length = length;
        Error = error;
        Statistics = statistics;
    }

    /// <summary>chDB's error text ("Code: N. DB::Exception: ..."), or null on success.</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;

    public int Length { get; }

    public QueryStatistics Statistics { get; }

    public ReadOnlyMemory<byte> Output =>
        _rented is null ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_rented, 0, Length);

    public static ChdbResult Failure(string error) => new(null, 0, error, default);

    public static ChdbResult Success(ReadOnlySpan<byte> output, QueryStatistics statistics)
    {
        if (output.IsEmpty)
        {
            return new ChdbResult(null, 0, null, statistics);
        }

        var rented = ArrayPool<byte>.Shared.Rent(output.Length);
        output.CopyTo(rented);
        return new ChdbResult(rented, output.Length, null, statistics);
    }

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
