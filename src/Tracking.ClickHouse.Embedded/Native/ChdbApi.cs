using System.Runtime.InteropServices;

namespace Tracking.ClickHouse.Embedded.Native;

/// <summary>
/// The part of chDB's C API (chdb.h) that the embedded server uses, bound as unmanaged function
/// pointers to the library loaded from an explicit path: the path is configuration, not something
/// the default DllImport probing could find.
/// </summary>
internal sealed unsafe class ChdbApi
{
    private ChdbApi(nint library)
    {
        Connect = (delegate* unmanaged<int, byte**, nint>)Export(library, "chdb_connect");
        CloseConnection = (delegate* unmanaged<nint, void>)Export(library, "chdb_close_conn");
        QueryN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_query_n");
        QueryWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint*, nuint*, nint*, nuint*, nuint, nint>)
            Export(library, "chdb_query_with_params_n");
        ResultBuffer = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_buffer");
        ResultLength = (delegate* unmanaged<nint, nuint>)Export(library, "chdb_result_length");
        ResultElapsed = (delegate* unmanaged<nint, double>)Export(library, "chdb_result_elapsed");
        ResultRowsRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_read");
        ResultBytesRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_bytes_read");
        ResultStorageRowsRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_storage_rows_read");
        ResultStorageBytesRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_storage_bytes_read");
        ResultRowsWritten = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_written");
        ResultBytesWritten = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_bytes_written");
        ResultError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_error");
        DestroyQueryResult = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_query_result");
        SetSignalHandlersEnabled = NativeLibrary.TryGetExport(library, "chdb_set_signal_handlers_enabled", out var export)
            ? (delegate* unmanaged<int, void>)export
            : null;
    }

    /// <summary><c>chdb_connection* chdb_connect(int argc, char** argv)</c>; NULL on failure.</summary>
    public delegate* unmanaged<int, byte**, nint> Connect { get; }

    /// <summary><c>void chdb_close_conn(chdb_connection* conn)</c>.</summary>
    public delegate* unmanaged<nint, void> CloseConnection { get; }

    /// <summary>Binary-safe query: <c>(conn, query, query_len, format, format_len)</c>.</summary>
    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> QueryN { get; }

    /// <summary>Binary-safe query with server-side <c>{name:Type}</c> parameter binding.</summary>
    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint*, nuint*, nint*, nuint*, nuint, nint> QueryWithParamsN { get; }

    public delegate* unmanaged<nint, byte*> ResultBuffer { get; }

    public delegate* unmanaged<nint, nuint> ResultLength { get; }

    public delegate* unmanaged<nint, double> ResultElapsed { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsWritten { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesWritten { get; }

    /// <summary>NUL-terminated error text, or NULL when the query succeeded.</summary>
    public delegate* unmanaged<nint, byte*> ResultError { get; }

    public delegate* unmanaged<nint, void> DestroyQueryResult { get; }

    /// <summary>Optional (newer chDB builds): lets the .NET runtime keep its own signal handlers.</summary>
    public delegate* unmanaged<int, void> SetSignalHandlersEnabled { get; }

    /// <summary>
    /// Loads libchdb.so once; it is never unloaded because the engine keeps threads and global
    /// state alive for the rest of the process.
    /// </summary>
    public static ChdbApi Load(string libraryPath)
    {
        if (!File.Exists(libraryPath))
        {
            throw new FileNotFoundException("libchdb.so not found (run scripts/install-chdb.sh)", libraryPath);
        }

        return new ChdbApi(NativeLibrary.Load(libraryPath));
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"libchdb.so lacks {name}; chDB 26.x is required");
}
