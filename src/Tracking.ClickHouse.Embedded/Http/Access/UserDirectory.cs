using System.Security.Cryptography;
using System.Text;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// The two fixed users and their passwords, as a ClickHouse server's users.xml would hold them
/// (sha256_hex), then the project users the owner vouches for. Fixed passwords are compared as hashes in
/// constant time, so neither their content nor their length shows in the answer time; a name of a fixed
/// user is never looked up as a project, and every failure is the same answer.
/// </summary>
internal sealed class UserDirectory
{
    private readonly (SqlUser User, byte[] PasswordHash)[] _users;
    private readonly AnalystLimits _analystLimits;
    private readonly ProjectUserCheck? _projects;

    public UserDirectory(string internalPassword, string analystPassword, AnalystLimits analystLimits, ProjectUserCheck? projects = null)
    {
        _users =
        [
            (new SqlUser(EmbeddedClickHouse.InternalUser, null), Hash(internalPassword)),
            (new SqlUser(EmbeddedClickHouse.AnalystUser, analystLimits), Hash(analystPassword)),
        ];
        _analystLimits = analystLimits;
        _projects = projects;
    }

    /// <summary>The user when name and password match, else null (which of the two was wrong is not told).</summary>
    public SqlUser? Authenticate(string name, string password)
    {
        var given = Hash(password);
        SqlUser? match = null;
        var isFixedName = false;
        foreach (var (user, hash) in _users)
        {
            var passwordMatches = CryptographicOperations.FixedTimeEquals(given, hash);
            var nameMatches = string.Equals(user.Name, name, StringComparison.Ordinal);
            isFixedName |= nameMatches;
            if (passwordMatches && nameMatches)
            {
                match = user;
            }
        }

        if (match is not null || isFixedName || _projects?.Invoke(name, password) is not { } project)
        {
            return match;
        }

        // The same limits and queue place as the analyst; the project scopes what its queries read.
        return new SqlUser(project, _analystLimits, project);
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
