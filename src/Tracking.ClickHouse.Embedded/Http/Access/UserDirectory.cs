using System.Security.Cryptography;
using System.Text;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// The two users and their passwords, as a ClickHouse server's users.xml would hold them
/// (sha256_hex). Passwords are compared as hashes in constant time, so neither their content nor
/// their length shows in the answer time.
/// </summary>
internal sealed class UserDirectory
{
    private readonly (SqlUser User, byte[] PasswordHash)[] _users;

    public UserDirectory(string internalPassword, string analystPassword, AnalystLimits analystLimits)
    {
        _users =
        [
            (new SqlUser(EmbeddedClickHouse.InternalUser, null), Hash(internalPassword)),
            (new SqlUser(EmbeddedClickHouse.AnalystUser, analystLimits), Hash(analystPassword)),
        ];
    }

    /// <summary>The user when name and password match, else null (which of the two was wrong is not told).</summary>
    public SqlUser? Authenticate(string name, string password)
    {
        var given = Hash(password);
        SqlUser? match = null;
        foreach (var (user, hash) in _users)
        {
            var passwordMatches = CryptographicOperations.FixedTimeEquals(given, hash);
            if (passwordMatches && string.Equals(user.Name, name, StringComparison.Ordinal))
            {
                match = user;
            }
        }

        return match;
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
