using System.Net.Http.Headers;
using System.Text.Json;
using Tracking.Host.Keys;
using Tracking.Reports.Landing;
using Tracking.Reports.Shared;

namespace Tracking.Host.Cli;

/// <summary>
/// <c>tracking report landing|accounts [options]</c>: prints a report of a running host as a table, through the
/// same HTTP API the dashboard uses.
/// </summary>
internal static class ReportCommand
{
    private const string Usage = """
        usage: tracking report landing [--group-by keyword|page|keyword,page] [--from ISO8601] [--to ISO8601] [--include-bots]
               tracking report accounts [--risk high|medium|low|new|dormant] [--segment big|small|unknown]
                                        [--sort risk|events|name] [--limit N] [--to ISO8601]
          both: [--url http://127.0.0.1:5080] [--read-key KEY]
          The read key defaults to TRACKING_READ_KEY, else the key kept in TRACKING_DATA_DIR (./data).
        """;

    /// <summary>Each report's options that take a value, and the query parameter each becomes.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> ValueOptions = new(StringComparer.Ordinal)
    {
        ["landing"] = new(StringComparer.Ordinal) { ["--group-by"] = "groupBy", ["--from"] = "from", ["--to"] = "to" },
        ["accounts"] = new(StringComparer.Ordinal) { ["--risk"] = "risk", ["--segment"] = "segment", ["--sort"] = "sort", ["--limit"] = "limit", ["--to"] = "to" },
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !ValueOptions.TryGetValue(args[0], out var valueOptions))
        {
            return Fail(args.Length == 0 ? "missing report name" : $"unknown report '{args[0]}'");
        }

        var report = args[0];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        string? url = null, readKeyOption = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--include-bots" when report == "landing":
                    query["includeBots"] = "true";
                    break;
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--read-key" when i + 1 < args.Length:
                    readKeyOption = args[++i];
                    break;
                case var option when valueOptions.TryGetValue(option, out var parameter) && i + 1 < args.Length:
                    query[parameter] = args[++i];
                    break;
                default:
                    return Fail($"unknown or incomplete option '{args[i]}'");
            }
        }

        if (report == "landing" && LandingReportRequest.ParseGrouping(query.GetValueOrDefault("groupBy", "keyword,page")) is null)
        {
            return Fail("--group-by must be keyword, page or keyword,page");
        }

        var readKey = readKeyOption ?? Environment.GetEnvironmentVariable("TRACKING_READ_KEY") ?? StoredReadKey();
        if (string.IsNullOrEmpty(readKey))
        {
            return Fail("no read key: pass --read-key, set TRACKING_READ_KEY, or run from where the host keeps its data");
        }

        var baseUrl = url ?? Environment.GetEnvironmentVariable("TRACKING_URL") ?? "http://127.0.0.1:5080";
        var queryString = string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri($"{baseUrl.TrimEnd('/')}/v1/reports/{report}?{queryString}"));
        }
        catch (HttpRequestException e)
        {
            return Fail($"cannot reach {baseUrl}: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                var error = TryReadError(body) ?? body;
                return Fail($"{(int)response.StatusCode}: {error}");
            }

            Console.Write(report == "landing"
                ? TableFormatter.Format(JsonSerializer.Deserialize(body, ReportJsonContext.Default.LandingReportResponse)!.Rows)
                : AccountsTable.Format(JsonSerializer.Deserialize(body, ReportJsonContext.Default.AccountsResponse)!));
            return 0;
        }
    }

    private static string? StoredReadKey()
    {
        var dataDir = Environment.GetEnvironmentVariable("TRACKING_DATA_DIR") is { Length: > 0 } dir ? dir : "data";
        var path = Path.Combine(dataDir, ProjectKeys.FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), KeysJsonContext.Default.ProjectKeys)?.ReadKey : null;
    }

    private static string? TryReadError(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ReportJsonContext.Default.ReportError)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("tracking: " + message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
