using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Tracking.ClickHouse.Embedded.Engine;

/// <summary>
/// An error in ClickHouse's own shape: the text clients parse (<c>Code: N. DB::Exception: ...</c>),
/// the number for X-ClickHouse-Exception-Code and the HTTP status ClickHouse would pick for it.
/// </summary>
internal sealed partial record ClickHouseError(int Code, string Name, string Message)
{
    public const int SyntaxError = 62;
    public const int Readonly = 164;
    public const int SettingConstraintViolation = 452;
    public const int AccessDenied = 497;
    public const int AuthenticationFailed = 516;
    public const int UnknownException = 1002;

    private static readonly HashSet<string> BadRequest =
    [
        "CANNOT_PARSE_TEXT", "CANNOT_PARSE_ESCAPE_SEQUENCE", "CANNOT_PARSE_QUOTED_STRING", "CANNOT_PARSE_DATE",
        "CANNOT_PARSE_DATETIME", "CANNOT_PARSE_NUMBER", "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING", "CANNOT_PARSE_IPV4",
        "CANNOT_PARSE_IPV6", "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "CANNOT_PARSE_UUID", "DUPLICATE_COLUMN",
        "ILLEGAL_COLUMN", "UNKNOWN_ELEMENT_IN_AST", "UNKNOWN_TYPE_OF_AST_NODE", "TOO_DEEP_AST", "TOO_BIG_AST",
        "UNEXPECTED_AST_STRUCTURE", "SYNTAX_ERROR", "INCORRECT_DATA", "TYPE_MISMATCH",
        "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE", "BAD_REQUEST_PARAMETER", "UNKNOWN_QUERY_PARAMETER",
        "BAD_QUERY_PARAMETER", "CANNOT_DECOMPRESS",
    ];

    private static readonly HashSet<string> NotFound =
    [
        "UNKNOWN_TABLE", "UNKNOWN_FUNCTION", "UNKNOWN_IDENTIFIER", "UNKNOWN_TYPE", "UNKNOWN_STORAGE",
        "UNKNOWN_DATABASE", "UNKNOWN_SETTING", "UNKNOWN_DIRECTION_OF_SORTING", "UNKNOWN_AGGREGATE_FUNCTION",
        "UNKNOWN_FORMAT", "UNKNOWN_DATABASE_ENGINE", "UNKNOWN_TYPE_OF_QUERY", "UNKNOWN_ROLE",
    ];

    public HttpStatusCode HttpStatus => Name switch
    {
        _ when BadRequest.Contains(Name) => HttpStatusCode.BadRequest,
        _ when NotFound.Contains(Name) => HttpStatusCode.NotFound,
        "QUERY_IS_TOO_LARGE" => HttpStatusCode.RequestEntityTooLarge,
        "NOT_IMPLEMENTED" => HttpStatusCode.NotImplemented,
        "SOCKET_TIMEOUT" or "CANNOT_OPEN_FILE" => HttpStatusCode.ServiceUnavailable,
        "HTTP_LENGTH_REQUIRED" => HttpStatusCode.LengthRequired,
        "REQUIRED_PASSWORD" => HttpStatusCode.Unauthorized,
        "UNKNOWN_USER" or "WRONG_PASSWORD" or "AUTHENTICATION_FAILED" => HttpStatusCode.Forbidden,
        "ACCESS_DENIED" or "READONLY" or "SETTING_CONSTRAINT_VIOLATION" => HttpStatusCode.Forbidden,
        _ => HttpStatusCode.InternalServerError,
    };

    /// <summary>An error raised by the HTTP layer itself, worded as ClickHouse words its own.</summary>
    public static ClickHouseError Create(int code, string name, string text) =>
        new(code, name, $"Code: {code}. DB::Exception: {text}. ({name})");

    /// <summary>
    /// Reads chDB's error text. chDB sometimes wraps an exception in a second copy of its header
    /// ("Code: 107. DB::Exception: Code: 107. DB::Exception: ... (X) (version v). (X)"); the
    /// wrappers are removed so clients see what a ClickHouse server would send.
    /// </summary>
    public static ClickHouseError Parse(string chdbError)
    {
        var message = chdbError.Trim();
        Match nested;
        while ((nested = NestedHeader().Match(message)).Success)
        {
            message = nested.Groups["inner"].Value;
        }

        // Each wrapper also appended " (version v). (NAME)"; ClickHouse ends at the first version tag.
        var version = VersionTag().Match(message);
        if (version.Success)
        {
            message = message[..(version.Index + version.Length)];
        }

        var header = Header().Match(message);
        if (!header.Success)
        {
            return Create(UnknownException, "UNKNOWN_EXCEPTION", message);
        }

        var name = TrailingName().Match(message);
        return new ClickHouseError(
            int.Parse(header.Groups["code"].Value, CultureInfo.InvariantCulture),
            name.Success ? name.Groups["name"].Value : "UNKNOWN_EXCEPTION",
            message);
    }

    [GeneratedRegex(@"^Code: (?<code>\d+)\. DB::Exception: ")]
    private static partial Regex Header();

    [GeneratedRegex(@"^Code: \d+\. DB::Exception: (?<inner>Code: \d+\. DB::Exception: .*)$", RegexOptions.Singleline)]
    private static partial Regex NestedHeader();

    [GeneratedRegex(@"\(version [^()]*(?:\([^()]*\))?[^()]*\)")]
    private static partial Regex VersionTag();

    [GeneratedRegex(@"\((?<name>[A-Z][A-Z0-9_]*)\)(?: \(version [^\n]*\))?$")]
    private static partial Regex TrailingName();
}
