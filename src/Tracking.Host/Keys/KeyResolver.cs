using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Tracking.Collector;
using Tracking.Reports;

namespace Tracking.Host.Keys;

/// <summary>Write keys only ingest, read keys only read; comparisons take constant time.</summary>
public sealed class KeyResolver(IReadOnlyList<ProjectKeys> projects) : IWriteKeyResolver, IReadKeyResolver
{
    public string? ProjectForWriteKey(ReadOnlySpan<char> writeKey)
    {
        foreach (var project in projects)
        {
            if (FixedTimeEquals(writeKey, project.WriteKey))
            {
                return project.ProjectId;
            }
        }

        return null;
    }

    public string? ProjectForReadKey(ReadOnlySpan<char> readKey)
    {
        foreach (var project in projects)
        {
            if (FixedTimeEquals(readKey, project.ReadKey))
            {
                return project.ProjectId;
            }
        }

        return null;
    }

    // Compares the UTF-16 code units as bytes: no encoding step, so no buffer a long or non-ASCII key could overrun.
    private static bool FixedTimeEquals(ReadOnlySpan<char> given, string expected) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given), MemoryMarshal.AsBytes(expected.AsSpan()));
}
