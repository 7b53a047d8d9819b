namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// Files that carry INSERT data from HTTP bodies to chDB. chDB ends inline INSERT data at the
/// first empty line ("\n\n"), which RowBinary data contains at random, and would silently drop the
/// rest; <c>INSERT ... FROM INFILE</c> reads a file byte for byte instead. The body streams into
/// the file, so a large insert is never held in memory either.
/// </summary>
internal sealed class InsertSpool
{
    private static readonly int CopyBufferSize = 256 * 1024;

    public InsertSpool(string dataPath)
    {
        // Inside the data folder: same disk as the data it becomes, and the folder the host already reserved.
        Directory = Path.Combine(dataPath, "http_insert_spool");
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true); // left by a crash; never needed again
        }

        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes <paramref name="head"/> and then the rest of <paramref name="body"/> to a new file.</summary>
    public async Task<string> WriteAsync(ReadOnlyMemory<byte> head, Stream body, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, CopyBufferSize, useAsync: true);
            await file.WriteAsync(head, cancellationToken);
            await body.CopyToAsync(file, CopyBufferSize, cancellationToken);
            return path;
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Removed on the next start at the latest.
        }
    }
}
