using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tracking.ClickHouse.Embedded.Engine;

namespace Tracking.ClickHouse.Embedded.Http.Access;

/// <summary>
/// The user name and password of a request, from the three places ClickHouse's HTTP interface reads
/// them: HTTP Basic authentication (ClickHouse.Driver, @clickhouse/client, <c>curl -u</c>), the
/// X-ClickHouse-User / X-ClickHouse-Key headers, or the <c>user</c> / <c>password</c> URL parameters.
/// Like ClickHouse, a request without any is the user <c>default</c> with an empty password (which
/// does not exist here), and one that mixes Basic authentication with another way is refused.
/// </summary>
internal static class RequestCredentials
{
    private const string DefaultUser = "default";

    public static (string User, string Password, ClickHouseError? Error) Read(HttpRequest request)
    {
        var headerUser = Header(request, "X-ClickHouse-User");
        var headerKey = Header(request, "X-ClickHouse-Key");
        var paramUser = Parameter(request, "user");
        var paramPassword = Parameter(request, "password");
        var byHeaders = headerUser is not null || headerKey is not null;
        var byParameters = paramUser is not null || paramPassword is not null;

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization))
        {
            if (byHeaders || byParameters)
            {
                return Refused("Invalid authentication: it is not allowed to use Authorization HTTP header and authentication via parameters simultaneously");
            }

            return Basic(authorization);
        }

        if (byHeaders && byParameters)
        {
            return Refused("Invalid authentication: it is not allowed to use X-ClickHouse HTTP headers and authentication via parameters simultaneously");
        }

        return byHeaders
            ? (headerUser ?? DefaultUser, headerKey ?? "", null)
            : (paramUser ?? DefaultUser, paramPassword ?? "", null);
    }

    private static (string, string, ClickHouseError?) Basic(AuthenticationHeaderValue authorization)
    {
        if (!string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || authorization.Parameter is null)
        {
            return Refused($"Invalid authentication: the embedded server accepts the Basic scheme only, not '{authorization.Scheme}'");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
        }
        catch (FormatException)
        {
            return Refused("Invalid authentication: the Basic credentials are not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (decoded, "", null) : (decoded[..colon], decoded[(colon + 1)..], null);
    }

    private static (string, string, ClickHouseError?) Refused(string text) =>
        ("", "", ClickHouseError.Create(ClickHouseError.AuthenticationFailed, "AUTHENTICATION_FAILED", text));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    private static string? Parameter(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;
}
