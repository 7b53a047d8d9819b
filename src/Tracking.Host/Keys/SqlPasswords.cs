using System.Security.Cryptography;
using System.Text.Json;
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
        var stored = File.Exists(path) ? Read(path) : null;
        var passwords = new SqlPasswords(
            stored?.InternalPassword ?? Generate(),
            string.IsNullOrWhiteSpace(analystPassword) ? stored?.AnalystPassword ?? Generate() : analystPassword.Trim());
        if (passwords != stored)
        {
            Directory.CreateDirectory(dataDir);
            var temp = path + ".tmp";
            File.WriteAllText(temp, "");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // before the passwords are in it
            }

            File.WriteAllText(temp, JsonSerializer.Serialize(passwords, SqlPasswordsJsonContext.Default.SqlPasswords));

            File.Move(temp, path, overwrite: true);
        }

        return passwords;
    }

    private static SqlPasswords? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SqlPasswordsJsonContext.Default.SqlPasswords);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not a ClickHouse users file ({e.Message}); restore it, or delete it to generate new passwords", e);
        }
    }

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SqlPasswords))]
internal sealed partial class SqlPasswordsJsonContext : JsonSerializerContext;
