using System.Buffers;
using System.Runtime.InteropServices;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// Reads a zstd-compressed stream (Content-Encoding: zstd, which ClickHouse.Driver uses for every
/// bulk insert by default). .NET 10 has no zstd codec and chDB does not export its own, so this
/// binds the system libzstd (Debian's libzstd1, which dpkg itself depends on).
/// </summary>
internal sealed partial class ZstdDecompressionStream : Stream
{
    internal const string Library = "libzstd.so.1";
    private static readonly int InputSize = 128 * 1024;

    private readonly Stream _source;
    private readonly byte[] _input = ArrayPool<byte>.Shared.Rent(InputSize);
    private nint _stream;
    private int _inputLength;
    private int _inputPosition;
    private bool _sourceEnded;
    private bool _insideFrame;

    /// <exception cref="DllNotFoundException">libzstd is not installed.</exception>
    public ZstdDecompressionStream(Stream source)
    {
        _source = source;
        _stream = ZSTD_createDStream();
        Check(ZSTD_initDStream(_stream));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_inputPosition == _inputLength && !_sourceEnded)
            {
                _inputLength = await _source.ReadAsync(_input.AsMemory(0, InputSize), cancellationToken);
                _inputPosition = 0;
                _sourceEnded = _inputLength == 0;
            }

            var produced = Decompress(buffer.Span);
            if (produced > 0)
            {
                return produced;
            }

            if (_sourceEnded && _inputPosition == _inputLength)
            {
                return _insideFrame ? throw new InvalidDataException("zstd body ends inside a frame") : 0;
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var stream = Interlocked.Exchange(ref _stream, 0);
        if (stream != 0)
        {
            ZSTD_freeDStream(stream);
            ArrayPool<byte>.Shared.Return(_input);
        }

        base.Dispose(disposing);
    }

    private unsafe int Decompress(Span<byte> output)
    {
        fixed (byte* input = _input)
        fixed (byte* destination = output)
        {
            var inBuffer = new ZstdBuffer { Pointer = input, Size = (nuint)_inputLength, Position = (nuint)_inputPosition };
            var outBuffer = new ZstdBuffer { Pointer = destination, Size = (nuint)output.Length };
            var hint = Check(ZSTD_decompressStream(_stream, &outBuffer, &inBuffer));
            var progressed = (int)inBuffer.Position > _inputPosition || outBuffer.Position > 0;

            // 0 means a frame just ended; a call that only polled for the next frame changes nothing.
            _insideFrame = hint != 0 && (progressed || _insideFrame);
            _inputPosition = (int)inBuffer.Position;
            return (int)outBuffer.Position;
        }
    }

    private static nuint Check(nuint code) =>
        ZSTD_isError(code) == 0
            ? code
            : throw new InvalidDataException("zstd: " + Marshal.PtrToStringUTF8(ZSTD_getErrorName(code)));

    /// <summary>ZSTD_inBuffer and ZSTD_outBuffer share this layout.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct ZstdBuffer
    {
        public byte* Pointer;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(Library)]
    private static partial nint ZSTD_createDStream();

    [LibraryImport(Library)]
    private static partial nuint ZSTD_freeDStream(nint stream);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_initDStream(nint stream);

    [LibraryImport(Library)]
    private static unsafe partial nuint ZSTD_decompressStream(nint stream, ZstdBuffer* output, ZstdBuffer* input);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    private static partial nint ZSTD_getErrorName(nuint code);
}
