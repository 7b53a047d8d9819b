using System.Runtime.InteropServices;

namespace Tracking.EventLog.Embedded;

/// <summary>
/// fsync of a directory, so that a file just created or renamed in it survives a power loss, not only a
/// process crash. .NET cannot open a directory as a file on Unix, hence the two libc calls.
/// </summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        // NTFS journals directory changes itself, and a directory cannot be opened for flushing there.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Could not open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Could not flush directory {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
