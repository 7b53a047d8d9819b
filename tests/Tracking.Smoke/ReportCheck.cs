using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tracking.Testing;

namespace Tracking.Smoke;

/// <summary>Compares the host's landing report with the one computed from the generated sessions.</summary>
internal static class ReportCheck
{
    public static readonly (string GroupBy, bool ByKeyword, bool ByPage)[] Groupings =
        [("keyword", true, false), ("page", false, true), ("keyword,page", true, true)];

    /// <returns>Every difference found, empty when the report is exact.</returns>
    public static async Task<List<string>> CompareAsync(
        Uri reportsHost, string readKey, IReadOnlyList<GeneratedSession> sessions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancel)
    {
        var problems = new List<string>();
        foreach (var (groupBy, byKeyword, byPage) in Groupings)
        {
            var expected = ExpectedReport.Compute(sessions, from, to, byKeyword, byPage);
            var actual = await GetAsync(reportsHost, readKey, groupBy, from, to, cancel);
            if (actual.Count != expected.Count)
            {
                problems.Add($"groupBy={groupBy}: {actual.Count} rows, expected {expected.Count}");
            }

            foreach (var want in expected)
            {
                var label = $"groupBy={groupBy} keyword={want.Keyword} page={want.Page}";
                var got = actual.FirstOrDefault(r => (string?)r["keyword"] == want.Keyword && (string?)r["page"] == want.Page);
                if (got is null)
                {
                    problems.Add(label + ": no row");
                    continue;
                }

                Check(problems, label, "sessions", want.Sessions, (long)got["sessions"]!);
                Check(problems, label, "visitors", want.Visitors, (long)got["visitors"]!);
                Check(problems, label, "bounces", want.Bounces, (long)got["bounces"]!);
                Check(problems, label, "leads", want.Leads, (long)got["leads"]!);
                Close(problems, label, "bounceRate", (double)want.Bounces / want.Sessions, (double)got["bounceRate"]!, 1e-9);
                Close(problems, label, "leadRate", (double)want.Leads / want.Sessions, (double)got["leadRate"]!, 1e-9);
                Close(problems, label, "medianDurationSeconds", want.MedianDurationSeconds, (double)got["medianDurationSeconds"]!, 1e-3);
            }
        }

        return problems;
    }

    private static void Check(List<string> problems, string label, string field, long want, long got)
    {
        if (want != got)
        {
            problems.Add($"{label}: {field} {got}, expected {want}");
        }
    }

    private static void Close(List<string> problems, string label, string field, double want, double got, double tolerance)
    {
        if (Math.Abs(want - got) > tolerance)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: {field} {got}, expected {want}"));
        }
    }

    private static async Task<List<JsonObject>> GetAsync(Uri host, string readKey, string groupBy, DateTimeOffset from, DateTimeOffset to, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        var url = $"v1/reports/landing?groupBy={groupBy}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"report groupBy={groupBy} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }
}
