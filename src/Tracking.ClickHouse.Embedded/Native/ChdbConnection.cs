using System.Runtime.InteropServices;
using System.Text;

namespace Tracking.ClickHouse.Embedded.Native;

/// <summary>
/// The process's single chDB connection. Not thread-safe: chDB runs one statement at a time per
/// connection, so callers serialize (see <see cref="Engine.ChdbEngine"/>). Closing it before the
/// process exits matters: otherwise libc++ asserts while tearing the engine down.
/// </summary>
internal sealed unsafe class ChdbConnection : IDisposable
{
    // chDB keeps one engine per process; a second connection (even on another path) would share
    // or fight over it, so the guard is process-wide rather than per path.
    private static int _open;

    /// <summary>
    /// Linux nice value of chDB's merge threads. They share the host's cores with the collector, whose
    /// requests wait behind whatever runs; merges are background work that may lag without losing
    /// anything, so they yield to the collector and still use every idle cycle. Paced at 100k events/s on
    /// 2 cores, three interleaved pairs: collector p99 1,122 / 304 / 125 ms at nice 0, 202 / 99 / 98 ms at
    /// nice 10 (benchmarks/README.md, finding 14). Under a sustained overload parts merge later: 42 active
    /// parts after 60 s at saturation, far below the count at which ClickHouse slows inserts. ClickHouse
    /// sets it only when the process has CAP_SYS_NICE; without, merges run at the host's priority.
    /// </summary>
    internal const int MergeThreadsNice = 10;

    private readonly ChdbApi _api;
    private nint _connection; // chdb_connection* as returned by chdb_connect, needed by chdb_close_conn

    private ChdbConnection(ChdbApi api, nint connection)
    {
        _api = api;
        _connection = connection;
    }

    public static ChdbConnection Open(ChdbApi api, string dataPath)
    {
        if (Interlocked.CompareExchange(ref _open, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                "An embedded ClickHouse (chDB) connection is already open in this process; chDB supports one per process. " +
                "Share the running EmbeddedClickHouse or dispose it before starting another.");
        }

        try
        {
            if (api.SetSignalHandlersEnabled != null)
            {
                // The .NET runtime turns SIGSEGV into NullReferenceException and handles SIGTERM
                // itself; chDB's handlers would take those signals away from it.
                api.SetSignalHandlersEnabled(0);
            }

            // Server settings follow "--", as on clickhouse-local's command line.
            var connection = Connect(api, ["clickhouse", "--path=" + dataPath, "--", $"--os_threads_nice_value_merge_mutate={MergeThreadsNice}"]);
            return new ChdbConnection(api, connection);
        }
        catch
        {
            Volatile.Write(ref _open, 0);
            throw;
        }
    }

    /// <summary>Runs one statement; <paramref name="parameters"/> bind <c>{name:Type}</c> placeholders.</summary>
    public ChdbResult Execute(
        ReadOnlySpan<byte> query,
        string format,
        IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ObjectDisposedException.ThrowIf(_connection == 0, this);
        var conn = *(nint*)_connection;
        var formatBytes = Encoding.UTF8.GetBytes(format);

        nint result;
        fixed (byte* q = query)
        fixed (byte* f = formatBytes)
        {
            result = parameters.Count == 0
                ? _api.QueryN(conn, q, (nuint)query.Length, f, (nuint)formatBytes.Length)
                : ExecuteWithParameters(conn, q, query.Length, f, formatBytes.Length, parameters);
        }

        if (result == 0)
        {
            return ChdbResult.Failure("Code: 1002. DB::Exception: chDB returned no result. (UNKNOWN_EXCEPTION)");
        }

        try
        {
            return CopyOut(result);
        }
        finally
        {
            _api.DestroyQueryResult(result);
        }
    }

    public void Dispose()
    {
        var connection = Interlocked.Exchange(ref _connection, 0);
        if (connection != 0)
        {
            _api.CloseConnection(connection);
            Volatile.Write(ref _open, 0);
        }
    }

    private static nint Connect(ChdbApi api, string[] arguments)
    {
        var encoded = arguments.Select(a => Encoding.UTF8.GetBytes(a + "\0")).ToArray();
        var handles = encoded.Select(a => GCHandle.Alloc(a, GCHandleType.Pinned)).ToArray();
        try
        {
            var argv = stackalloc byte*[encoded.Length];
            for (var i = 0; i < encoded.Length; i++)
            {
                argv[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            var connection = api.Connect(encoded.Length, argv);
            if (connection == 0 || *(nint*)connection == 0)
            {
                throw new InvalidOperationException($"chdb_connect failed for {string.Join(' ', arguments)}");
            }

            return connection;
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    private nint ExecuteWithParameters(
        nint conn,
        byte* query,
        int queryLength,
        byte* format,
        int formatLength,
        IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        // One pinned block holds every name and value; the pointer arrays index into it.
        var count = parameters.Count;
        var sizes = new nuint[count * 2];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            sizes[i] = (nuint)Encoding.UTF8.GetByteCount(parameters[i].Key);
            sizes[count + i] = (nuint)Encoding.UTF8.GetByteCount(parameters[i].Value);
            total += (int)sizes[i] + (int)sizes[count + i];
        }

        var block = new byte[Math.Max(total, 1)];
        var pointers = new nint[count * 2];
        fixed (byte* b = block)
        fixed (nint* p = pointers)
        fixed (nuint* s = sizes)
        {
            var offset = 0;
            for (var i = 0; i < count; i++)
            {
                p[i] = (nint)(b + offset);
                offset += Encoding.UTF8.GetBytes(parameters[i].Key, block.AsSpan(offset));
                p[count + i] = (nint)(b + offset);
                offset += Encoding.UTF8.GetBytes(parameters[i].Value, block.AsSpan(offset));
            }

            return _api.QueryWithParamsN(
                conn, query, (nuint)queryLength, format, (nuint)formatLength, p, s, p + count, s + count, (nuint)count);
        }
    }

    private ChdbResult CopyOut(nint result)
    {
        var error = _api.ResultError(result);
        if (error != null && *error != 0)
        {
            return ChdbResult.Failure(Marshal.PtrToStringUTF8((nint)error) ?? "unknown chDB error");
        }

        var length = _api.ResultLength(result);
        if (length > int.MaxValue)
        {
            return ChdbResult.Failure(
                $"Code: 396. DB::Exception: Result of {length} bytes exceeds what the embedded HTTP interface can buffer. (TOO_MANY_ROWS_OR_BYTES)");
        }

        var buffer = _api.ResultBuffer(result);
        var output = buffer == null ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(buffer, (int)length);
        var statistics = new QueryStatistics(
            ResultRows: _api.ResultRowsRead(result),
            ResultBytes: _api.ResultBytesRead(result),
            ReadRows: _api.ResultStorageRowsRead(result),
            ReadBytes: _api.ResultStorageBytesRead(result),
            WrittenRows: _api.ResultRowsWritten(result),
            WrittenBytes: _api.ResultBytesWritten(result),
            ElapsedSeconds: _api.ResultElapsed(result));
        return ChdbResult.Success(output, statistics);
    }
}
