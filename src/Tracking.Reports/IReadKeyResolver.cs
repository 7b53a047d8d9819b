namespace Tracking.Reports;

/// <summary>Maps a read key to the project whose reports it may read.</summary>
public interface IReadKeyResolver
{
    /// <summary>The project id, or null for an unknown key.</summary>
    string? ProjectForReadKey(ReadOnlySpan<char> readKey);
}
