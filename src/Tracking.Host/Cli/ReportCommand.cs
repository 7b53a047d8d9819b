using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Tracking.Host.Keys;
using Tracking.Reports.Landing;
using Tracking.Reports.Shared;

namespace Tracking.Host.Cli;

/// <summary>
/// <c>tracking report landing [--group-by keyword|page|keyword,page] [--from ISO] [--to ISO] [--url URL] [--read-key KEY]</c>:
/// prints the landing report of a running host as a table, through the same HTTP API the dashboard uses.
/// </summary>
internal static class ReportCommand
{
    private const string Usage = """
        usage: tracking report landing [--group-by keyword|page|keyword,page] [--from ISO8601] [--to ISO8601]
                                       [--url http://127.0.0.1:5080] [--read-key KEY] [--include-bots]
          The read key defaults to TRACKING_READ_KEY, else the key kept in TRACKING_DATA_DIR (./data).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["landing", ..])
        {
            return Fail(args.Length == 0 ? "missing report name" : $"unknown report '{args[0]}'");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--group-by"] = "keyword,page" };
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--include-bots":
                    options["includeBots"] = "true";
                    break;
                case "--group-by" or "--from" or "--to" or "--url" or "--read-key" when i + 1 < args.Length:
                    options[args[i]] = args[++i];
                    break;
                default:
                    return Fail($"unknown or incomplete option '{args[i]}'");
            }
        }

        if (LandingReportRequest.ParseGrouping(options["--group-by"]) is null)
        {
            return Fail("--group-by must be keyword, page or keyword,page");
        }

        var readKey = options.GetValueOrDefault("--read-key") ?? Environment.GetEnvironmentVariable("TRACKING_READ_KEY") ?? StoredReadKey();
        if (string.IsNullOrEmpty(readKey))
        {
            return Fail("no read key: pass --read-key, set TRACKING_READ_KEY, or run from where the host keeps its data");
        }

        var baseUrl = options.GetValueOrDefault("--url") ?? Environment.GetEnvironmentVariable("TRACKING_URL") ?? "http://127.0.0.1:5080";
        var query = $"groupBy={Uri.EscapeDataString(options["--group-by"])}"
            + Param("from", options.GetValueOrDefault("--from"))
            + Param("to", options.GetValueOrDefault("--to"))
            + Param("includeBots", options.GetValueOrDefault("includeBots"));

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri($"{baseUrl.TrimEnd('/')}/v1/reports/landing?{query}"));
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

            var report = JsonSerializer.Deserialize(body, ReportJsonContext.Default.LandingReportResponse)!;
            Console.Write(TableFormatter.Format(report.Rows));
            return 0;
        }
    }

    private static string Param(string name, string? value) => value is null ? string.Empty : $"&{name}={Uri.EscapeDataString(value)}";

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
