using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tracking.Collector;

/// <summary>
/// Finds and checks a request's write key without allocating: first the HTTP Basic user name or a
/// <c>writeKey</c> query parameter, both known before the body is read, else the body's <c>writeKey</c> field.
/// </summary>
internal static class WriteKeyCheck
{
    public enum Outcome
    {
        Absent,
        Known,
        Unknown,
        Malformed,
    }

    /// <summary>Far beyond any real key; a longer credential is simply unknown, never a buffer to grow.</summary>
    private const int MaxChars = 1024;

    public static Outcome FromHeaders(HttpRequest request, IWriteKeyResolver keys, out string? project)
    {
        project = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var encoded = authorization.AsSpan(6).Trim();
            if (encoded.Length > MaxChars)
            {
                return Outcome.Unknown;
            }

            Span<byte> decoded = stackalloc byte[MaxChars];
            if (!Convert.TryFromBase64Chars(encoded, decoded, out var length))
            {
                return Outcome.Malformed;
            }

            Span<char> chars = stackalloc char[MaxChars];
            var user = chars[..Encoding.UTF8.GetChars(decoded[..length], chars)];
            var colon = user.IndexOf(':');
            user = colon < 0 ? user : user[..colon];
            if (!user.IsEmpty)
            {
                return Check(user, keys, out project);
            }
        }

        var query = request.QueryString.HasValue ? request.Query["writeKey"].ToString() : string.Empty;
        return query.Length > 0 ? Check(query, keys, out project) : Outcome.Absent;
    }

    public static Outcome FromBody(ReadOnlySpan<byte> utf8, IWriteKeyResolver keys, out string? project)
    {
        project = null;
        if (utf8.IsEmpty)
        {
            return Outcome.Absent;
        }

        if (utf8.Length > MaxChars)
        {
            return Outcome.Unknown;
        }

        Span<char> chars = stackalloc char[MaxChars];
        return Check(chars[..Encoding.UTF8.GetChars(utf8, chars)], keys, out project);
    }

    public static string Message(Outcome outcome) => outcome switch
    {
        Outcome.Unknown => "writeKey: unknown write key",
        Outcome.Malformed => "Authorization: not valid HTTP Basic credentials; send base64(writeKey + \":\")",
        _ => "writeKey: missing; send it as the HTTP Basic username, or as a writeKey field of a body that parses as JSON",
    };

    private static Outcome Check(ReadOnlySpan<char> key, IWriteKeyResolver keys, out string? project)
    {
        project = keys.ProjectForWriteKey(key);
        return project is null ? Outcome.Unknown : Outcome.Known;
    }
}
