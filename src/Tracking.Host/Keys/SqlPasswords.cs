using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Tracking.Host.Keys;

/// <summary>
/// Passwords of the embedded ClickHouse's users, kept beside keys.json in the data folder (readable by
/// the host's OS user only): the internal user's, generated once and never printed, and the analyst's,
/// from TRACKING_ANALYST_PASSWORD when set, else generated once and printed at start like the keys.
/// </summary>
public sealed record SqlPasswords(string InternalPassword, string AnalystPassword)
{
    public const string FileName = "clickhouse-users.json";

    public static SqlPasswords Load(string dataDir, string? analystPassword)
    {
        var path = Path.Combine(dataDir, FileName);
        var stored = KeptJson.Read(path, SqlPasswordsJsonContext.Default.SqlPasswords, "ClickHouse users");
        var passwords = new SqlPasswords(
            stored?.InternalPassword ?? Generate(),
            string.IsNullOrWhiteSpace(analystPassword) ? stored?.AnalystPassword ?? Generate() : analystPassword.Trim());
        if (passwords != stored)
        {
            KeptJson.Write(path, passwords, SqlPasswordsJsonContext.Default.SqlPasswords, ownerOnly: true);
        }

        return passwords;
    }

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SqlPasswords))]
internal sealed partial class SqlPasswordsJsonContext : JsonSerializerContext;
