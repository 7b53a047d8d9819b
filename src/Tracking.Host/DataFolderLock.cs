namespace Tracking.Host;

/// <summary>
/// This host's claim on its data folder while it runs the embedded event log or the embedded ClickHouse:
/// each allows one process per folder, and neither says so clearly to a second one. chDB refuses it deep
/// inside its start with only a generic failure reaching .NET; FasterLog does not notice it at all, and
/// two hosts would append to one log. Taken before either opens, so the order they open in does not matter.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "host.lock";

    // EWOULDBLOCK on Linux (the platform chDB ships for): .NET reports the errno as the IOException's HResult
    // when another process holds the lock, which tells it apart from a full disk or a failing one.
    private const int HeldElsewhere = 11;

    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the lock; null when another process holds it.</summary>
    public static DataFolderLock? TryTake(string dataDir)
    {
        try
        {
            // On Unix, FileShare.None is an exclusive flock(2): the kernel drops it when the process ends,
            // even on kill -9, so a crashed host never leaves the folder locked.
            return new DataFolderLock(new FileStream(
                Path.Combine(dataDir, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e.HResult == HeldElsewhere)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
