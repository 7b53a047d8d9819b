using Microsoft.AspNetCore.Http;
using Tracking.ClickHouse.Embedded.Engine;
using Tracking.ClickHouse.Embedded.Sql;

namespace Tracking.ClickHouse.Embedded.Http;

/// <summary>
/// Sorts the URL parameters of a ClickHouse HTTP request into the statement, its context, its
/// <c>param_</c> values and the settings that apply to it alone.
/// </summary>
internal sealed class HttpQueryParameters
{
    private static readonly string ParameterPrefix = "param_";

    /// <summary>
    /// Parameters that steer the HTTP exchange rather than the statement. Sessions, roles and
    /// quotas do not exist in the embedded engine, and results are always buffered whole (what
    /// wait_end_of_query asks for), so these are accepted and have no further effect.
    /// </summary>
    private static readonly HashSet<string> HttpOnly = new(StringComparer.Ordinal)
    {
        "session_id", "session_timeout", "session_check", "quota_key", "buffer_size",
        "wait_end_of_query", "http_wait_end_of_query", "role", "stacktrace", "send_progress_in_http_headers",
        "http_headers_progress_interval_ms", "add_http_cors_header", "http_zlib_compression_level",
        "http_response_buffer_size", "client_protocol_version",
    };

    public string? Query { get; private init; }

    public string Database { get; private init; } = "default";

    public string DefaultFormat { get; private init; } = "TabSeparated";

    public string QueryId { get; private init; } = "";

    /// <summary>
    /// readonly=1 or 2: run the statement read-only. It is applied to the statement alone (a SET of it
    /// would outlive the request on the shared session and block the SET that resets it), and it can
    /// only restrict: readonly=0 lifts nothing for a read-only user or a GET.
    /// </summary>
    public bool ReadOnly => ReadOnlyValue is not (null or "" or "0");

    /// <summary>The readonly URL parameter as sent, if it was.</summary>
    public string? ReadOnlyValue { get; private init; }

    /// <summary>enable_http_compression=1: compress the response if the client accepts it.</summary>
    public bool CompressResponse { get; private init; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private init; } = [];

    public IReadOnlyDictionary<string, string> Settings { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Ignored { get; private init; } = [];

    /// <summary>Set when the request cannot be served; the other properties are then incomplete.</summary>
    public ClickHouseError? Error { get; private init; }

    public static HttpQueryParameters Parse(HttpRequest request)
    {
        string? query = null;
        string? queryId = null;
        var database = Header(request, "X-ClickHouse-Database") ?? "default";
        var format = Header(request, "X-ClickHouse-Format") ?? "TabSeparated";
        var compress = false;
        string? readOnly = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (key, values) in request.Query)
        {
            var value = values.LastOrDefault() ?? "";
            switch (key)
            {
                case "query":
                    query = value;
                    break;
                case "database" when value.Length > 0:
                    database = value;
                    break;
                case "default_format" when value.Length > 0:
                    format = value;
                    break;
                case "query_id":
                    queryId = value;
                    break;
                case "enable_http_compression":
                    compress = value is "1" or "true";
                    break;
                case "compress" or "decompress" when value is "1" or "true":
                    return Failed(ClickHouseError.Create(
                        48, "NOT_IMPLEMENTED", $"{key}=1 (ClickHouse's native block compression) is not supported by the embedded server; use HTTP Content-Encoding"));
                case "compress" or "decompress":
                    break;
                case "user" or "password":
                    break; // read by RequestCredentials
                case "readonly":
                    readOnly = value;
                    break;
                case var parameter when parameter.StartsWith(ParameterPrefix, StringComparison.Ordinal):
                    parameters[parameter[ParameterPrefix.Length..]] = value;
                    break;
                case var other when HttpOnly.Contains(other):
                    ignored.Add(other);
                    break;
                case var setting when SqlQuoting.IsSettingName(setting):
                    settings[setting] = value;
                    break;
                default:
                    return Failed(ClickHouseError.Create(115, "UNKNOWN_SETTING", $"Unknown setting '{key}'"));
            }
        }

        return new HttpQueryParameters
        {
            Query = query,
            Database = database,
            DefaultFormat = format,
            QueryId = string.IsNullOrEmpty(queryId) ? Guid.NewGuid().ToString() : queryId,
            CompressResponse = compress,
            ReadOnlyValue = readOnly,
            Parameters = parameters.ToList(),
            Settings = settings,
            Ignored = ignored,
        };
    }

    private static HttpQueryParameters Failed(ClickHouseError error) => new() { Error = error, QueryId = Guid.NewGuid().ToString() };

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;
}
