using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tracking.Host.Admin;

/// <summary>What the admin endpoints of retention and erasure share: the project in the path, who called, errors as JSON.</summary>
public static partial class AdminResults
{
    /// <summary>A project id as the admin API accepts it.</summary>
    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    public static partial Regex ProjectIdPattern();

    /// <summary>A 400 for an id of the wrong shape, a 404 for one no project has; null when the project exists.</summary>
    public static IResult? CheckProject(string id, IProjectDirectory projects) =>
        !ProjectIdPattern().IsMatch(id) ? AdminApi.Error(StatusCodes.Status400BadRequest, "id: a project id is 1 to 64 of a-z, 0-9, '_' and '-'")
        : !projects.Exists(id) ? AdminApi.Error(StatusCodes.Status404NotFound, $"id: no project '{id}'")
        : null;

    /// <summary>
    /// Who made an admin request, for the records: "key:" and the first 12 hex digits of the SHA-256 of
    /// the bearer key, never the key.
    /// </summary>
    public static string Caller(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization;
        return "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
    }
}
