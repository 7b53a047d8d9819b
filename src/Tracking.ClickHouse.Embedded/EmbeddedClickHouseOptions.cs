namespace Tracking.ClickHouse.Embedded;

/// <summary>Where the embedded engine lives and where its HTTP interface listens.</summary>
public sealed class EmbeddedClickHouseOptions
{
    /// <summary>Absolute path of libchdb.so (scripts/install-chdb.sh prints it).</summary>
    public required string LibraryPath { get; init; }

    /// <summary>chDB's data folder (<c>--path</c>); created if missing.</summary>
    public required string DataPath { get; init; }

    /// <summary>IP address the HTTP interface binds to; loopback by default (the host serves no TLS).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks any free port (see <see cref="EmbeddedClickHouse.Endpoint"/>).</summary>
    public int Port { get; init; } = 8123;

    /// <summary>
    /// Password of <see cref="EmbeddedClickHouse.InternalUser"/>, the owner's own user (migrations,
    /// inserts, reports); null: a random one for this process, in <see cref="EmbeddedClickHouse.ConnectionString"/>.
    /// </summary>
    public string? InternalPassword { get; init; }

    /// <summary>Password of <see cref="EmbeddedClickHouse.AnalystUser"/>, the read-only user; null: a random one.</summary>
    public string? AnalystPassword { get; init; }

    /// <summary>Bounds on every analyst query, the project users' included.</summary>
    public AnalystLimits AnalystLimits { get; init; } = new();

    /// <summary>
    /// Project users: read-only like <see cref="EmbeddedClickHouse.AnalystUser"/>, each of whose queries sees
    /// only its project's rows (see the README); null: no such users.
    /// </summary>
    public ProjectUserCheck? ProjectUsers { get; init; }
}
