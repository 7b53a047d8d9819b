using Tracking.Collector;
using Tracking.Reports;

namespace Tracking.Host.Keys;

/// <summary>
/// Write keys only ingest, read keys only read. A key is hashed on the stack and looked up by hash: no
/// allocation on the collector's path, and equal hashes are compared in constant time (<see cref="KeyHash"/>).
/// The <see cref="ProjectStore"/> publishes a new table whenever keys change; a rotated-out key is refused
/// from its expiry on without any timer.
/// </summary>
public sealed class KeyResolver(TimeProvider clock) : IWriteKeyResolver, IReadKeyResolver
{
    private volatile Table _table = new([], []);

    public string? ProjectForWriteKey(ReadOnlySpan<char> writeKey) => Find(_table.Write, writeKey);

    public string? ProjectForReadKey(ReadOnlySpan<char> readKey) => Find(_table.Read, readKey);

    /// <summary>
    /// The embedded SQL port's project users (<see cref="ClickHouse.Embedded.ProjectUserCheck"/>): the user is a
    /// project id and the password one of that project's valid read keys, rotated ones within their grace included.
    /// </summary>
    public string? ProjectForSqlUser(string user, string password) =>
        ProjectForReadKey(password) is { } project && string.Equals(project, user, StringComparison.Ordinal) ? project : null;

    internal void Publish(Dictionary<KeyHash, Grant> write, Dictionary<KeyHash, Grant> read) => _table = new Table(write, read);

    private string? Find(Dictionary<KeyHash, Grant> keys, ReadOnlySpan<char> key) =>
        KeyHash.TryOf(key, out var hash) && keys.TryGetValue(hash, out var grant) && (grant.Expires is not { } expires || clock.GetUtcNow() < expires)
            ? grant.ProjectId
            : null;

    internal readonly record struct Grant(string ProjectId, DateTimeOffset? Expires);

    private sealed record Table(Dictionary<KeyHash, Grant> Write, Dictionary<KeyHash, Grant> Read);
}
