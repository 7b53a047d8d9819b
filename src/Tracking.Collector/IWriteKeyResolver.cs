namespace Tracking.Collector;

/// <summary>Maps a write key to the project whose events it may send.</summary>
public interface IWriteKeyResolver
{
    /// <summary>The project id, or null for an unknown key.</summary>
    string? ProjectForWriteKey(ReadOnlySpan<char> writeKey);
}
