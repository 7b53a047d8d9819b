using System.Diagnostics;

namespace Tracking.Testing;

/// <summary>
/// A small tmpfs mounted over a folder for one test, so that a test can fill a disk without filling the machine's.
/// Mounting needs root (CI runs as root); <see cref="TmpfsFactAttribute"/> skips a test where it is not permitted.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMount);

    public TmpfsMount(string path, long sizeBytes)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", path);
        Path = path;
        FillerPath = System.IO.Path.Combine(path, "filler");
    }

    /// <summary>Why a tmpfs cannot be mounted here, or null if it can.</summary>
    public static string? CannotMountReason => Probe.Value;

    public string Path { get; }

    public string FillerPath { get; }

    /// <summary>Writes a file of zeros until the file system has no space left.</summary>
    public void Fill()
    {
        using var filler = File.OpenHandle(FillerPath, FileMode.Create, FileAccess.Write);
        long offset = 0;
        foreach (var chunk in new[] { new byte[1 << 20], new byte[4096] })
        {
            while (true)
            {
                try
                {
                    RandomAccess.Write(filler, chunk, offset);
                    offset += chunk.Length;
                }
                catch (IOException)
                {
                    // ENOSPC: a partial write leaves what fitted; smaller chunks take the rest.
                    offset = RandomAccess.GetLength(filler);
                    break;
                }
            }
        }
    }

    /// <summary>Gives the space <see cref="Fill"/> took back.</summary>
    public void Free() => File.Delete(FillerPath);

    public void Dispose() => Run("umount", "--lazy", Path);

    private static string? ProbeMount()
    {
        using var dir = new TempDirectory("tmpfs-probe");
        try
        {
            using var mount = new TmpfsMount(dir.Path, 1 << 20);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{command} is not available: {e.Message}", e);
        }
    }
}
