namespace Tracking.ClickHouse.Embedded;

/// <summary>Where the embedded engine lives and where its HTTP interface listens.</summary>
public sealed class EmbeddedClickHouseOptions
{
    /// <summary>Absolute path of libchdb.so (scripts/install-chdb.sh prints it).</summary>
    public required string LibraryPath { get; init; }

    /// <summary>chDB's data folder (<c>--path</c>); created if missing.</summary>
    public required string DataPath { get; init; }

    /// <summary>IP address the HTTP interface binds to; loopback by default because it has no authentication.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks any free port (see <see cref="EmbeddedClickHouse.Endpoint"/>).</summary>
    public int Port { get; init; } = 8123;
}
