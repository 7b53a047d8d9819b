using System.Net.Http.Headers;
using System.Text.Json;
using Tracking.Reports.Landing;
using Tracking.Reports.Shared;

namespace Tracking.Host.Cli;

/// <summary>
/// <c>tracking report landing|funnel|accounts [options]</c> (see <see cref="Usage"/>): prints a report of a running host
/// as a table, through the same HTTP API the dashboard uses.
/// </summary>
internal static class ReportCommand
{
    private const string Usage = """
        usage: tracking report landing [--group-by keyword|page|keyword,page] [--from ISO8601] [--to ISO8601] [--include-bots]
               tracking report funnel --step page:/landing/* --step event:signup [--step …] | --key-path NAME
                                      [--window 1h] [--unit visitors|sessions|accounts] [--order sequential|strict]
                                      [--breakdown keyword|landingPage|source|account|segment] [--from ISO8601] [--to ISO8601]
               tracking report accounts [--risk high|medium|low|new|dormant] [--segment big|small|unknown]
                                        [--sort risk|events|name] [--limit N] [--to ISO8601]
          every report: [--url http://127.0.0.1:5080] [--read-key KEY]
          The read key defaults to TRACKING_READ_KEY (the data folder keeps only its hash).
        """;

    /// <summary>The options each report takes, as the command line names them and as the API does.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Options = new(StringComparer.Ordinal)
    {
        ["landing"] = new(StringComparer.Ordinal) { ["--group-by"] = "groupBy", ["--from"] = "from", ["--to"] = "to" },
        ["funnel"] = new(StringComparer.Ordinal)
        {
            ["--step"] = "step",
            ["--key-path"] = "keyPath",
            ["--window"] = "window",
            ["--unit"] = "unit",
            ["--order"] = "order",
            ["--breakdown"] = "breakdown",
            ["--from"] = "from",
            ["--to"] = "to",
        },
        ["accounts"] = new(StringComparer.Ordinal) { ["--risk"] = "risk", ["--segment"] = "segment", ["--sort"] = "sort", ["--limit"] = "limit", ["--to"] = "to" },
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Options.TryGetValue(args[0], out var known))
        {
            return Fail(args.Length == 0 ? "missing report name" : $"unknown report '{args[0]}'");
        }

        var report = args[0];
        var query = new List<(string Name, string Value)>();
        string? url = null;
        string? readKey = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--include-bots" when report == "landing":
                    query.Add(("includeBots", "true"));
                    break;
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--read-key" when i + 1 < args.Length:
                    readKey = args[++i];
                    break;
                case var option when known.TryGetValue(option, out var name) && i + 1 < args.Length:
                    query.Add((name, args[++i]));
                    break;
                default:
                    return Fail($"unknown or incomplete option '{args[i]}'");
            }
        }

        if (report == "landing")
        {
            var groupBy = query.FirstOrDefault(q => q.Name == "groupBy").Value ?? "keyword,page";
            if (LandingReportRequest.ParseGrouping(groupBy) is null)
            {
                return Fail("--group-by must be keyword, page or keyword,page");
            }

            query.RemoveAll(q => q.Name == "groupBy");
            query.Insert(0, ("groupBy", groupBy));
        }

        readKey ??= Environment.GetEnvironmentVariable("TRACKING_READ_KEY");
        if (string.IsNullOrEmpty(readKey))
        {
            return Fail("no read key: pass --read-key or set TRACKING_READ_KEY (the host showed it when it made it; 'tracking projects rotate ID --key read' makes a new one)");
        }

        var baseUrl = url ?? Environment.GetEnvironmentVariable("TRACKING_URL") ?? "http://127.0.0.1:5080";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        HttpResponseMessage response;
        try
        {
            var queryString = string.Join('&', query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
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

            Console.Write(report switch
            {
                "landing" => TableFormatter.Format(JsonSerializer.Deserialize(body, ReportJsonContext.Default.LandingReportResponse)!.Rows),
                "funnel" => FunnelTableFormatter.Format(JsonSerializer.Deserialize(body, ReportJsonContext.Default.FunnelResponse)!),
                _ => AccountsTable.Format(JsonSerializer.Deserialize(body, ReportJsonContext.Default.AccountsResponse)!),
            });
            return 0;
        }
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
