namespace Tracking.ClickHouse.Embedded;

/// <summary>
/// Which project a SQL user that is not one of the two fixed users may read: <paramref name="user"/> names a
/// project and <paramref name="password"/> is one of that project's valid read keys. Returns the project id,
/// or null when the pair opens nothing (an unknown name, a wrong or expired key, another project's key).
/// Called once per SQL request whose user is neither <see cref="EmbeddedClickHouse.InternalUser"/> nor
/// <see cref="EmbeddedClickHouse.AnalystUser"/>.
/// </summary>
public delegate string? ProjectUserCheck(string user, string password);
