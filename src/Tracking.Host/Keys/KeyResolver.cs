using System.Security.Cryptography;
using System.Text;
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

    private static bool FixedTimeEquals(ReadOnlySpan<char> given, string expected)
    {
        Span<byte> a = stackalloc byte[256];
        Span<byte> b = stackalloc byte[256];
        if (given.Length > 128 || expected.Length > 128)
        {
            return false;
        }

        var lengthA = Encoding.UTF8.GetBytes(given, a);
        var lengthB = Encoding.UTF8.GetBytes(expected, b);
        return CryptographicOperations.FixedTimeEquals(a[..lengthA], b[..lengthB]);
    }
}
